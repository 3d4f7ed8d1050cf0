package io.quarkiverse.kafkaproducer.runtime.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.kafka.common.PartitionInfo;
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
public class TestProducer extends MockProducer<byte[], byte[]> {

    public final Set<String> topicsWithoutMetadata = ConcurrentHashMap.newKeySet();
    /** Records for a partition at or above this one are refused as the client does for a partition it does not know. */
    public volatile int partitionCount = Integer.MAX_VALUE;
    public volatile boolean bufferFull;
    public volatile RuntimeException answerInSend;
    /**
     * Told to the next send only, as the real client tells a failed login (its "fatal" metadata error) to the first
     * send that waits for metadata after it.
     */
    public volatile RuntimeException nextMetadataFailure;
    public volatile Duration closedWith;
    /** How many sends each thread made, by thread. */
    public final Map<Thread, LongAdder> sendsByThread = new ConcurrentHashMap<>();
    /** Sends of this topic by the parking lot's retry thread wait until {@link #retryThreadReleased} opens. */
    public volatile String holdRetryThreadOn;
    public final CountDownLatch retryThreadReleased = new CountDownLatch(1);
    public volatile boolean retryThreadHeld;

    /** Sends of this topic by the thread of this name wait until {@link #callerReleased} opens. */
    public volatile String holdCallerOn;
    public volatile String heldCallerName;
    public final CountDownLatch callerReleased = new CountDownLatch(1);
    public volatile boolean callerHeld;

    /** Thrown by the next send of the lot's retry thread, once, as a broken client might. */
    public volatile Error errorOnRetryThread;

    public TestProducer(boolean autoComplete) {
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
        if (record.topic().equals(holdCallerOn) && Thread.currentThread().getName().equals(heldCallerName)) {
            callerHeld = true;
            try {
                callerReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Error error = errorOnRetryThread;
        if (error != null && Thread.currentThread().getName().endsWith("-parking")) {
            errorOnRetryThread = null;
            throw error;
        }
        return answer(record, callback);
    }

    /** As the real client with max.block.ms=0: the partitions its metadata knows, or a timeout without metadata. */
    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic) {
        if (topicsWithoutMetadata.contains(topic) || partitionCount == Integer.MAX_VALUE) {
            throw new TimeoutException("Topic " + topic + " not present in metadata after 0 ms.");
        }
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int i = 0; i < partitionCount; i++) {
            partitions.add(new PartitionInfo(topic, i, null, null, null));
        }
        return partitions;
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
            // as the real client: the record's own partition, or -1 before one was chosen
            callback.onCompletion(new RecordMetadata(new TopicPartition(record.topic(),
                    record.partition() == null ? -1 : record.partition()), -1, -1,
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
