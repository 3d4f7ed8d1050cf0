package io.quarkiverse.kafkaproducer.runtime.producers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.runtime.engine.PendingRecord;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;

/**
 * The sync face of a {@link ProducerEngine}: serializes in the caller's thread, hands records to the engine, and waits
 * for them to settle. Without a timeout of the caller's, it waits for the outcome itself, which the engine gives within
 * {@code delivery-timeout}. See {@link SyncProducer} for the contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DefaultSyncProducer<K, V> extends AbstractProducer<K, V> implements SyncProducer<K, V> {

    private static final String BLOCKS = "sendMessage and sendMessages block until the broker answers and";

    public DefaultSyncProducer(ProducerEngine engine, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            boolean containerManaged) {
        super(engine, keySerializer, valueSerializer, containerManaged);
    }

    @Override
    public DeliveryReport sendMessage(ProducerRecord<K, V> record) {
        checkBlockingAllowed(BLOCKS);
        engine.ensureOpen();
        PendingRecord pending = engine.sendAwaited(serialize(record));
        try {
            pending.await();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return outcome(pending);
    }

    @Override
    public DeliveryReport sendMessage(String topic, V value) {
        return sendMessage(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), value));
    }

    @Override
    public DeliveryReport sendMessage(String topic, K key, V value) {
        return sendMessage(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), key, value));
    }

    @Override
    public DeliveryReport sendMessage(ProducerRecord<K, V> record, Duration timeout) {
        checkBlockingAllowed(BLOCKS);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, but is " + timeout);
        }
        engine.ensureOpen();
        ProducerRecord<byte[], byte[]> serialized = serialize(record);
        long deadline = System.nanoTime() + timeout.toNanos();
        PendingRecord pending = engine.sendAwaited(serialized);
        try {
            if (!pending.await(deadline)) {
                throw notSettled(serialized, timeout);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return outcome(pending);
    }

    @Override
    public List<DeliveryReport> sendMessages(List<ProducerRecord<K, V>> records) {
        checkBlockingAllowed(BLOCKS);
        Objects.requireNonNull(records, "records");
        engine.ensureOpen();
        SyncBatch batch = new SyncBatch(engine, serializeAll(records));
        try {
            return batch.sendAndAwait();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static DeliveryReport outcome(PendingRecord pending) {
        if (pending.error() != null) {
            throw rethrown(pending.error());
        }
        return report(pending.metadata(), null);
    }

    /**
     * A report of where the broker stored a record.
     *
     * @param previous the report before it in the same call, whose timestamp is reused when equal: records sent
     *        together mostly share their millisecond
     */
    static DeliveryReport report(RecordMetadata metadata, DeliveryReport previous) {
        Instant timestamp = null;
        if (metadata.hasTimestamp()) {
            timestamp = previous != null && previous.timestamp() != null
                    && previous.timestamp().toEpochMilli() == metadata.timestamp() ? previous.timestamp()
                            : Instant.ofEpochMilli(metadata.timestamp());
        }
        return new DeliveryReport(metadata.topic(), metadata.partition(), metadata.hasOffset() ? metadata.offset() : -1,
                timestamp);
    }

    static InterruptException interrupted(InterruptedException e) {
        // Kafka's InterruptException restores the interrupt flag.
        return new InterruptException("Interrupted while waiting for the broker; the records sent may still be "
                + "delivered", e);
    }

    private ProducerException notSettled(ProducerRecord<byte[], byte[]> record, Duration waited) {
        int partition = record.partition() == null ? -1 : record.partition();
        return new ProducerException(ProducerException.describe(engine.name(), engine.type(), record.topic(),
                partition) + " within " + waited.toMillis() + " ms: no answer yet; the record is still pending and may "
                + "be delivered later (its outcome goes to the error logger and the telemetry)", engine.name(),
                engine.type(), record.topic(), partition,
                new TimeoutException("No answer within " + waited.toMillis() + " ms"));
    }

    /**
     * The reported exception was created on the Kafka client's thread; the caller gets one with its own stack trace.
     */
    static ProducerException rethrown(ProducerException error) {
        return new ProducerException(error.getMessage(), error.producerName(), error.producerType(), error.topic(),
                error.partition(), error.getCause());
    }
}
