package io.quarkiverse.kafkaproducer.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.telemetry.DefaultReporting;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * The one engine behind every producer, sync or async, injected or made by the factory (one engine, two faces, as in
 * sarama): it owns a Kafka client of byte arrays, sends serialized records without ever blocking the caller, settles
 * each record exactly once, and reports each to the telemetry and each failure to the error logger.
 * <p>
 * <b>Never blocking on the broker.</b> The client runs with {@code max.block.ms=0}: {@code send} returns at once, and
 * when it would have had to wait (no metadata for the topic yet, buffer full) the Kafka 4.1 client calls the record's
 * callback on the calling thread, inside {@code send}, with a {@code TimeoutException} (or its subclass
 * {@code BufferExhaustedException}). The {@link ClientGate} catches that answer and the engine parks the record in
 * its {@link ParkingLot} instead of failing it. When nothing is parked, a send costs one volatile read over the
 * client's own {@code send}.
 * <p>
 * <b>Tracing.</b> With a {@link SendTracer} (the application has OpenTelemetry), each record gets a span from the send
 * call until it settles, and the span's context in a copy of its headers.
 * <p>
 * Thread-safe. {@link #close(Duration)} refuses new records, gives pending ones the close timeout, then closes the
 * client; whatever did not make it is failed and reported, one entry per record.
 */
public final class ProducerEngine {

    private final String name;
    private final ProducerType type;
    private final String clientId;
    private final String serviceName;
    private final String description;
    private final Producer<byte[], byte[]> producer;
    private final Reporter reporter;
    private final SendTracer tracer;
    private final ClientGate gate;
    private final ParkingLot parkingLot;
    private final Duration deliveryTimeout;
    private final Map<String, Object> kafkaConfig;
    private final Duration closeTimeout;
    private final ReentrantLock closeLock = new ReentrantLock();
    private volatile boolean closed;

    private ProducerEngine(ProducerSpec spec, KafkaConfigResolver.Resolved config, Producer<byte[], byte[]> producer) {
        this.name = spec.name();
        this.type = spec.type();
        this.clientId = config.clientId();
        this.serviceName = spec.serviceName();
        this.description = "Kafka producer '" + name + "' (" + type.tagValue() + ")";
        this.producer = producer;
        this.deliveryTimeout = config.deliveryTimeout();
        this.kafkaConfig = Collections.unmodifiableMap(new HashMap<>(config.kafkaConfig()));
        this.closeTimeout = orDefault(spec.closeTimeout(), ProducerDefaults.CLOSE_TIMEOUT, "close-timeout");
        this.reporter = new Reporter(name, type, serviceName, clientId,
                spec.telemetry() != null ? spec.telemetry() : DefaultReporting.telemetry(),
                spec.errorLogger() != null ? spec.errorLogger() : DefaultReporting.errorLogger());
        this.tracer = spec.tracer();
        int queueSize = spec.queueSize() != null ? spec.queueSize() : ProducerDefaults.QUEUE_SIZE;
        if (queueSize < 1) {
            throw new IllegalArgumentException(description + ": queue-size must be at least 1, but is " + queueSize);
        }
        long retryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(config.retryBackoff().toNanos(), ProducerDefaults.PARKING_MAX_BACKOFF.toNanos()));
        this.gate = new ClientGate(producer, this);
        this.parkingLot = new ParkingLot(description, "kafka-producer-" + name + "-parking", gate, queueSize,
                spec.overflowPolicy() != null ? spec.overflowPolicy() : OverflowPolicy.FAIL,
                orDefault(spec.overflowTimeout(), ProducerDefaults.OVERFLOW_TIMEOUT, "overflow-timeout").toNanos(),
                deliveryTimeout.toNanos(), retryNanos);
    }

    /**
     * Resolves the spec's configuration and starts its Kafka client. Does not contact the brokers and does not block:
     * the client connects in the background.
     *
     * @throws IllegalArgumentException the configuration is invalid; the message names the keys
     * @throws KafkaException the Kafka client refused its configuration
     */
    public static ProducerEngine start(ProducerSpec spec) {
        KafkaConfigResolver.Resolved config = KafkaConfigResolver.resolve(spec);
        // Serializer instances, not class names: nothing to load reflectively, also in native images.
        Producer<byte[], byte[]> producer = new KafkaProducer<>(config.kafkaConfig(), new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            return new ProducerEngine(spec, config, producer);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO); // an invalid engine setting must not leak a running client
            throw e;
        }
    }

    /** Like {@link #start(ProducerSpec)}, over a given client (a {@code MockProducer} in tests). */
    static ProducerEngine start(ProducerSpec spec, Producer<byte[], byte[]> producer) {
        return new ProducerEngine(spec, KafkaConfigResolver.resolve(spec), producer);
    }

    /**
     * Sends a serialized record of an async producer without blocking (except under {@link OverflowPolicy#BLOCK} with
     * a full parking lot). Never throws for the record's fate: that goes to the telemetry and the error logger.
     */
    void send(ProducerRecord<byte[], byte[]> record) {
        record = traced(record);
        dispatch(record, new Delivery(this, record, sizeOf(record)));
    }

    /**
     * Sends a serialized record of a sync call, like {@link #send(ProducerRecord)}; the returned delivery settles
     * exactly once and then tells the listener, or with a null listener wakes the calling thread (see
     * {@link Delivery.Awaited#await(long)}).
     */
    Delivery.Awaited send(ProducerRecord<byte[], byte[]> record, Delivery.Listener listener) {
        record = traced(record);
        return dispatch(record, new Delivery.Awaited(this, record, sizeOf(record),
                listener != null ? listener : Thread.currentThread()));
    }

    /** With tracing, a copy of the record carrying its span's context in its headers; else the record itself. */
    private ProducerRecord<byte[], byte[]> traced(ProducerRecord<byte[], byte[]> record) {
        if (tracer == null) {
            return record;
        }
        // The tracer writes headers: into a copy, as the caller's may be read-only (sent before) or shared.
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                record.value(), new RecordHeaders(record.headers().toArray()));
    }

    private <D extends Delivery> D dispatch(ProducerRecord<byte[], byte[]> record, D delivery) {
        if (tracer != null) {
            delivery.extras().span = tracer.start(record, clientId);
        }
        if (parkingLot.isEmpty()) {
            if (!gate.tryEnter(delivery, record)) {
                delivery.extras().record = record;
                parkingLot.park(delivery);
            }
        } else {
            delivery.extras().record = record;
            parkingLot.submit(delivery);
        }
        return delivery;
    }

    /** Settles a record once: span, telemetry, error logger, then the waiting caller if any. */
    void settle(Delivery delivery, RecordMetadata metadata, Exception exception) {
        if (!delivery.claim()) {
            return;
        }
        Object span = delivery.span();
        if (span != null) {
            tracer.end(span, metadata, exception);
        }
        long latency = System.nanoTime() - delivery.startNanos;
        int partition = partitionOf(delivery, metadata);
        ProducerException error = exception == null ? null : failure(delivery.topic(), partition, exception);
        reporter.report(delivery.topic(), partition, latency, delivery.size, error);
        delivery.complete(exception == null ? metadata : null, error);
    }

    /**
     * The error of a failed record. A cluster authorization failure is explained: Kafka's own message does not say
     * which permission the idempotent producer lacks, nor that the client stays in its error state.
     */
    private ProducerException failure(String topic, int partition, Exception exception) {
        Throwable clusterAuthorization = exception instanceof ClusterAuthorizationException ? exception
                : exception.getCause() instanceof ClusterAuthorizationException ? exception.getCause() : null;
        if (clusterAuthorization == null) {
            return new ProducerException(null, name, type, topic, partition, exception, false);
        }
        String reason = exception.getMessage()
                + (clusterAuthorization == exception ? "" : " (" + clusterAuthorization.getMessage() + ")");
        return new ProducerException(ProducerException.describe(name, type, topic, partition) + ": "
                + (reason.endsWith(".") ? reason : reason + ".")
                + " The cluster refused this producer the right to write idempotently (enable.idempotence, on by "
                + "default): grant its principal WRITE on the topic (Kafka 2.8 and later) or IDEMPOTENT_WRITE on the "
                + "cluster (older brokers). The Kafka client stays failed until the producer is created again (for an "
                + "injected producer, until the application restarts).", name, type, topic, partition, exception, false);
    }

    /**
     * Blocks until every record sent before the call is delivered or failed, parked ones included. Bounded by the
     * delivery timeout, after which pending records fail.
     *
     * @throws IllegalStateException the engine is closed
     * @throws org.apache.kafka.common.errors.InterruptException interrupted while waiting
     */
    public void flush() {
        ensureOpen();
        parkingLot.awaitLeft(Long.MAX_VALUE);
        producer.flush();
    }

    /** Closes with the close timeout of the spec. */
    public void close() {
        close(null);
    }

    /**
     * Refuses new records, then waits up to {@code timeout} for parked and buffered records to be delivered, then
     * closes the client. Records still parked then fail with a {@link KafkaException}; records still in the client's
     * buffer fail through their callbacks (the client's forced close). Each is reported once. Calling it again, or
     * concurrently, returns once the first close finished.
     *
     * @param timeout the longest wait; null for the spec's close timeout
     */
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + (timeout != null ? timeout : closeTimeout).toNanos();
        closeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                parkingLot.awaitLeft(deadline - System.nanoTime());
            } catch (KafkaException interrupted) {
                Thread.currentThread().interrupt();
            }
            parkingLot.close(new KafkaException(description + " was closed before the Kafka client could take the "
                    + "record (no metadata for its topic or no buffer space within close-timeout)"));
            producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            closeLock.unlock();
        }
    }

    /** @throws IllegalStateException naming the producer, if it is closed */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public String name() {
        return name;
    }

    public ProducerType type() {
        return type;
    }

    public String clientId() {
        return clientId;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The effective {@code delivery.timeout.ms}. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /**
     * The resolved configuration of the Kafka client, for the readiness check, which reaches the cluster with the same
     * connection settings. Never log or expose it: it may hold credentials.
     */
    public Map<String, Object> kafkaConfig() {
        return kafkaConfig;
    }

    /** The Kafka client, to announce to Micrometer's Kafka binder (a CDI event). Do not send through it directly. */
    public Producer<byte[], byte[]> kafkaProducer() {
        return producer;
    }

    /** {@code Kafka producer '<name>' (<type>)}, the prefix of this engine's messages. */
    String description() {
        return description;
    }

    int parkedRecords() {
        return parkingLot.size();
    }

    private static int partitionOf(Delivery delivery, RecordMetadata metadata) {
        if (metadata != null && metadata.partition() >= 0) {
            return metadata.partition();
        }
        return delivery.requestedPartition;
    }

    /** Bytes as written: key, value, and each header's UTF-8 key and value. */
    private static int sizeOf(ProducerRecord<byte[], byte[]> record) {
        int size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        // toArray, not the iterator: it allocates nothing for a record without headers, the usual case
        for (Header header : record.headers().toArray()) {
            size += Utils.utf8Length(header.key()) + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private Duration orDefault(Duration value, Duration fallback, String key) {
        Duration chosen = value != null ? value : fallback;
        if (chosen.isNegative()) {
            throw new IllegalArgumentException(description + ": " + key + " must not be negative");
        }
        return chosen;
    }
}
