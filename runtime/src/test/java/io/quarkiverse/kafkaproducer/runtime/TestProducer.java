package io.quarkiverse.kafkaproducer.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link MockProducer} that also behaves as the real client does with {@code max.block.ms=0}: for a topic without
 * metadata, or while "the buffer is full", it answers inside {@code send}, on the calling thread, through the
 * callback, with the same exceptions as the Kafka 4.1 client. Its close fails pending records, like the client's
 * forced close.
 */
class TestProducer extends MockProducer<byte[], byte[]> {

    final Set<String> topicsWithoutMetadata = ConcurrentHashMap.newKeySet();
    /** Records for a partition at or above this one are refused as the client does for a partition it does not know. */
    volatile int partitionCount = Integer.MAX_VALUE;
    volatile boolean bufferFull;
    volatile RuntimeException answerInSend;
    /**
     * Told to the next send only, as the real client tells a failed login (its "fatal" metadata error) to the first
     * send that waits for metadata after it.
     */
    volatile RuntimeException nextMetadataFailure;
    volatile Duration closedWith;
    /** How many sends each thread made, by thread. */
    final Map<Thread, LongAdder> sendsByThread = new ConcurrentHashMap<>();
    /** Sends of this topic by the parking lot's retry thread wait until {@link #retryThreadReleased} opens. */
    volatile String holdRetryThreadOn;
    final CountDownLatch retryThreadReleased = new CountDownLatch(1);
    volatile boolean retryThreadHeld;

    TestProducer(boolean autoComplete) {
        super(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        // outside the lock: a held retry thread must not hold up the others
        if (record.topic().equals(holdRetryThreadOn) && Thread.currentThread().getName().endsWith("-parking")) {
            retryThreadHeld = true;
            try {
                retryThreadReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer(record, callback);
    }

    private synchronized Future<RecordMetadata> answer(ProducerRecord<byte[], byte[]> record, Callback callback) {
        sendsByThread.computeIfAbsent(Thread.currentThread(), t -> new LongAdder()).increment();
        RuntimeException refusal = null;
        if (nextMetadataFailure != null && topicsWithoutMetadata.contains(record.topic())) {
            refusal = nextMetadataFailure;
            nextMetadataFailure = null;
        } else if (topicsWithoutMetadata.contains(record.topic())) {
            refusal = new TimeoutException("Topic " + record.topic() + " not present in metadata after 0 ms.");
        } else if (record.partition() != null && record.partition() >= partitionCount) {
            refusal = new TimeoutException("Partition " + record.partition() + " of topic " + record.topic()
                    + " with partition count " + partitionCount + " is not present in metadata after 0 ms.");
        } else if (bufferFull) {
            refusal = new BufferExhaustedException("Failed to allocate 100 bytes within the configured max blocking "
                    + "time 0 ms. Total memory: 33554432 bytes. Available memory: 0 bytes. Poolable size: 16384 bytes");
        } else if (answerInSend != null) {
            refusal = answerInSend;
        }
        if (refusal != null) {
            callback.onCompletion(new RecordMetadata(new TopicPartition(record.topic(), -1), -1, -1,
                    RecordBatch.NO_TIMESTAMP, -1, -1), refusal);
            return null;
        }
        return super.send(record, callback);
    }

    /** Fails every record not yet completed, like the client's forced close. */
    @Override
    public void close(Duration timeout) {
        closedWith = timeout;
        while (errorNext(new KafkaException("Producer is closed forcefully."))) {
            // fail them all
        }
        super.close(timeout);
    }
}
