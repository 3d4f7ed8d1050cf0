package io.quarkiverse.kafkaproducer.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerErrors;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.runtime.BlockingOperationNotAllowedException;

/**
 * The sync face of a {@link ProducerEngine}: serializes in the caller's thread, hands records to the engine, and waits
 * for them to settle. See {@link SyncProducer} for the contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DefaultSyncProducer<K, V> implements SyncProducer<K, V> {

    private final ProducerEngine engine;
    private final RecordSerializer<K, V> serializer;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final boolean containerManaged;
    private final Duration defaultTimeout;

    /**
     * @param containerManaged true for injected producers: the container closes the engine, and {@link #close()}
     *        throws; false for producers made by the factory, whose {@link #close()} closes the engine and the
     *        serializers
     */
    public DefaultSyncProducer(ProducerEngine engine, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            boolean containerManaged) {
        this.engine = engine;
        this.serializer = new RecordSerializer<>(engine, keySerializer, valueSerializer);
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.containerManaged = containerManaged;
        this.defaultTimeout = engine.deliveryTimeout().plus(ProducerDefaults.SYNC_WAIT_MARGIN);
    }

    @Override
    public DeliveryReport sendMessage(ProducerRecord<K, V> record) {
        return sendMessage(record, defaultTimeout);
    }

    @Override
    public DeliveryReport sendMessage(String topic, V value) {
        return sendMessage(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), value), defaultTimeout);
    }

    @Override
    public DeliveryReport sendMessage(String topic, K key, V value) {
        return sendMessage(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), key, value), defaultTimeout);
    }

    @Override
    public DeliveryReport sendMessage(ProducerRecord<K, V> record, Duration timeout) {
        checkBlockingAllowed();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, but is " + timeout);
        }
        engine.ensureOpen();
        ProducerRecord<byte[], byte[]> serialized = serializer.serialize(record, "record");
        long deadline = System.nanoTime() + timeout.toNanos();
        Delivery.Awaited delivery = engine.send(serialized, null);
        try {
            delivery.await(deadline);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        if (!delivery.isSettled()) {
            throw notSettled(delivery, timeout);
        }
        if (delivery.error() != null) {
            throw rethrown(delivery.error());
        }
        return report(delivery);
    }

    @Override
    public List<DeliveryReport> sendMessages(List<ProducerRecord<K, V>> records) {
        checkBlockingAllowed();
        Objects.requireNonNull(records, "records");
        engine.ensureOpen();
        // Everything is validated and serialized before the first record leaves: bad input sends nothing.
        List<ProducerRecord<byte[], byte[]>> serialized = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            serialized.add(serializer.serialize(records.get(i), "records[" + i + "]"));
        }
        SettledCountdown countdown = new SettledCountdown(serialized.size());
        long deadline = System.nanoTime() + defaultTimeout.toNanos();
        List<Delivery.Awaited> deliveries = new ArrayList<>(serialized.size());
        for (ProducerRecord<byte[], byte[]> record : serialized) {
            deliveries.add(engine.send(record, countdown));
        }
        await(countdown, deadline);
        return collect(deliveries);
    }

    /** Reports in input order, or {@link ProducerErrors} with every failure and every success by index. */
    private List<DeliveryReport> collect(List<Delivery.Awaited> deliveries) {
        List<DeliveryReport> reports = new ArrayList<>(deliveries.size());
        boolean failed = false;
        for (Delivery.Awaited delivery : deliveries) {
            if (!delivery.isSettled() || delivery.error() != null) {
                failed = true;
                reports.add(null);
            } else {
                reports.add(report(delivery));
            }
        }
        if (failed) {
            // Only now the map by index: building it for every batch cost a boxed index and a tree node per record.
            List<ProducerErrors.Failure> failures = new ArrayList<>();
            SortedMap<Integer, DeliveryReport> delivered = new TreeMap<>();
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery.Awaited delivery = deliveries.get(i);
                if (!delivery.isSettled()) {
                    failures.add(new ProducerErrors.Failure(i, notSettled(delivery, defaultTimeout)));
                } else if (delivery.error() != null) {
                    failures.add(new ProducerErrors.Failure(i, delivery.error()));
                } else {
                    delivered.put(i, reports.get(i));
                }
            }
            throw new ProducerErrors(engine.name(), engine.type(), failures, delivered);
        }
        return reports;
    }

    private void checkBlockingAllowed() {
        if (!BlockingGuard.isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException(engine.description() + ": sendMessage and sendMessages "
                    + "block until the broker answers and must not be called on a Vert.x event loop thread; call them "
                    + "from a worker thread (@Blocking) or a virtual thread (@RunOnVirtualThread), or use an "
                    + "AsyncProducer");
        }
    }

    private static void await(SettledCountdown countdown, long deadlineNanos) {
        try {
            countdown.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static InterruptException interrupted(InterruptedException e) {
        // Kafka's InterruptException restores the interrupt flag.
        return new InterruptException("Interrupted while waiting for the broker; the records sent may still be "
                + "delivered", e);
    }

    private ProducerException notSettled(Delivery delivery, Duration waited) {
        int partition = delivery.requestedPartition;
        return new ProducerException(ProducerException.describe(engine.name(), engine.type(), delivery.topic(),
                partition) + " within " + waited.toMillis() + " ms: no answer yet; the record is still pending and may "
                + "be delivered later (its outcome goes to the error logger and the telemetry)", engine.name(),
                engine.type(), delivery.topic(), partition,
                new TimeoutException("No answer within " + waited.toMillis() + " ms"));
    }

    /**
     * The reported exception was created on the Kafka client's thread; the caller gets one with its own stack trace.
     */
    private static ProducerException rethrown(ProducerException error) {
        return new ProducerException(error.getMessage(), error.producerName(), error.producerType(), error.topic(),
                error.partition(), error.getCause());
    }

    private static DeliveryReport report(Delivery.Awaited delivery) {
        RecordMetadata metadata = delivery.metadata();
        if (metadata == null) { // no client does this, but a report must not fail for it
            int partition = delivery.requestedPartition;
            return new DeliveryReport(delivery.topic(), partition, -1, null);
        }
        return new DeliveryReport(metadata.topic(), metadata.partition(), metadata.hasOffset() ? metadata.offset() : -1,
                metadata.hasTimestamp() ? Instant.ofEpochMilli(metadata.timestamp()) : null);
    }

    @Override
    public String name() {
        return engine.name();
    }

    /** @throws IllegalStateException on an injected producer */
    @Override
    public void close() {
        if (containerManaged) {
            throw new IllegalStateException(engine.description() + " is injected and closed by the container; "
                    + "do not close it");
        }
        engine.close();
        Utils.closeQuietly(keySerializer, "key serializer");
        Utils.closeQuietly(valueSerializer, "value serializer");
    }

    @Override
    public String toString() {
        return engine.description() + ", client id '" + engine.clientId() + "'";
    }
}
