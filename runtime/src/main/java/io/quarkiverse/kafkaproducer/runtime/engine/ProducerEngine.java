package io.quarkiverse.kafkaproducer.runtime.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.settings.ClientSettings;
import io.quarkiverse.kafkaproducer.runtime.settings.OverflowPolicy;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerDefaults;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkiverse.kafkaproducer.runtime.telemetry.DefaultReporting;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * The one entry point of the engine behind every producer (see the package description for the life of a record):
 * it owns a Kafka client of byte arrays, sends serialized records without ever making the caller wait for the broker,
 * settles each record exactly once, and reports each to the telemetry and each failure to the error logger.
 * <p>
 * <b>Bounds.</b> A record settles within {@code delivery-timeout} of its send call: it waits at most a third of it in
 * the engine's queue, and the Kafka client's own {@code delivery.timeout.ms} is the rest. {@link #flush()} therefore
 * returns within {@code delivery-timeout}, and a sync caller that waits for its record always learns its fate.
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
    private final Producer<byte[], byte[]> client;
    private final SendTracer tracer;
    private final Settler settler;
    private final ParkingLot lot;
    private final Duration deliveryTimeout;
    private final Map<String, Object> kafkaConfig;
    private final Duration closeTimeout;
    private final int maxInFlight;
    /** Whether every record is kept until it settles: the error logger takes failed records (see FailedRecords). */
    private final boolean keepsRecords;
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private final ReentrantLock closeLock = new ReentrantLock();
    private volatile boolean closed;

    private ProducerEngine(ProducerSettings settings, ClientSettings resolved, Producer<byte[], byte[]> client) {
        this.name = settings.name();
        this.type = settings.type();
        this.clientId = resolved.clientId();
        this.serviceName = settings.serviceName();
        this.description = ClientSettings.describe(name, type);
        this.client = client;
        this.deliveryTimeout = resolved.deliveryTimeout();
        this.kafkaConfig = resolved.kafkaConfig();
        this.closeTimeout = orDefault(settings.closeTimeout(), ProducerDefaults.CLOSE_TIMEOUT, "close-timeout");
        this.tracer = settings.tracer();
        Reporter reporter = new Reporter(name, type, serviceName, clientId,
                settings.telemetry() != null ? settings.telemetry() : DefaultReporting.telemetry(),
                settings.errorLogger() != null ? settings.errorLogger() : DefaultReporting.errorLogger(),
                settings.observer(), settings.observedAs());
        this.settler = new Settler(name, type, reporter, tracer);
        this.keepsRecords = reporter.wantsRecords();
        if (type == ProducerType.REACTIVE && settings.overflowPolicy() == OverflowPolicy.BLOCK) {
            throw new IllegalArgumentException(description + ": overflow-policy block is not allowed for a reactive "
                    + "producer, which never blocks; use fail (the default)");
        }
        this.maxInFlight = settings.maxInFlight();
        if (maxInFlight < 1) {
            throw new IllegalArgumentException(description + ": max-in-flight must be at least 1, but is " + maxInFlight);
        }
        int queueSize = settings.queueSize() != null ? settings.queueSize() : ProducerDefaults.QUEUE_SIZE;
        if (queueSize < 1) {
            throw new IllegalArgumentException(description + ": queue-size must be at least 1, but is " + queueSize);
        }
        long retryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(resolved.retryBackoff().toNanos(), ProducerDefaults.PARKING_MAX_BACKOFF.toNanos()));
        this.lot = new ParkingLot(description, "kafka-producer-" + name + "-parking", new ClientGate(client, settler),
                settler, queueSize, settings.overflowPolicy() != null ? settings.overflowPolicy() : OverflowPolicy.FAIL,
                orDefault(settings.overflowTimeout(), ProducerDefaults.OVERFLOW_TIMEOUT, "overflow-timeout").toNanos(),
                resolved.queueTimeout().toNanos(), retryNanos);
    }

    /**
     * Resolves the settings and starts their Kafka client. Does not contact the brokers and does not block: the client
     * connects in the background.
     *
     * @throws IllegalArgumentException the configuration is invalid; the message names the keys
     * @throws KafkaException the Kafka client refused its configuration
     */
    public static ProducerEngine start(ProducerSettings settings) {
        ClientSettings resolved = ClientSettings.resolve(settings);
        // Serializer instances, not class names: nothing to load reflectively, also in native images.
        Producer<byte[], byte[]> client = new KafkaProducer<>(resolved.kafkaConfig(), new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            return new ProducerEngine(settings, resolved, client);
        } catch (RuntimeException e) {
            client.close(Duration.ZERO); // an invalid engine setting must not leak a running client
            throw e;
        }
    }

    /** Like {@link #start(ProducerSettings)}, over a given client (a {@code MockProducer} in tests). */
    public static ProducerEngine start(ProducerSettings settings, Producer<byte[], byte[]> client) {
        return new ProducerEngine(settings, ClientSettings.resolve(settings), client);
    }

    /**
     * Sends a serialized record for which no one waits, without blocking (except under {@link OverflowPolicy#BLOCK}
     * with a full queue, off event loops). Never throws for the record's fate: that goes to the telemetry and the error
     * logger.
     */
    public void send(ProducerRecord<byte[], byte[]> record) {
        dispatch(record, new Delivery(settler));
    }

    /**
     * Sends a serialized record whose outcome the calling thread waits for with {@link PendingRecord#await()}: it is
     * unparked when the record settles. Does not block itself, as {@link #send(ProducerRecord)}.
     */
    public PendingRecord sendAwaited(ProducerRecord<byte[], byte[]> record) {
        return dispatch(record, new Delivery.Awaited(settler, Thread.currentThread()));
    }

    /** Sends a serialized record and tells {@code listener} once it settled. Does not block, as {@link #send}. */
    public PendingRecord send(ProducerRecord<byte[], byte[]> record, SettleListener listener) {
        return dispatch(record, new Delivery.Awaited(settler, listener));
    }

    /**
     * Takes back a record sent with {@link #send(ProducerRecord, SettleListener)} if it still waits in the engine's
     * queue: it is then never sent, measured or reported, and its listener is never told. For a reactive subscription
     * cancelled before its record reached the client.
     *
     * @return whether the record was taken back; false once it entered the client (it then settles as usual)
     */
    public boolean withdraw(PendingRecord record) {
        if (record instanceof Delivery delivery && lot.withdraw(delivery)) {
            settler.withdrawn(delivery);
            return true;
        }
        return false;
    }

    private <D extends Delivery> D dispatch(ProducerRecord<byte[], byte[]> record, D delivery) {
        ProducerRecord<byte[], byte[]> outgoing = record;
        if (tracer != null) {
            outgoing = SendTracer.withOwnHeaders(record);
            delivery.extras().span = tracer.start(outgoing, clientId);
        }
        delivery.size = RecordSize.of(outgoing); // after the tracer wrote its headers: they are written too
        if (keepsRecords) {
            delivery.extras().record = outgoing; // for the error logger, if it fails
        }
        lot.dispatch(delivery, outgoing);
        return delivery;
    }

    /**
     * Blocks until every record sent before the call is delivered or failed, queued ones included: at most
     * {@code delivery-timeout}.
     *
     * @throws IllegalStateException the engine is closed
     * @throws org.apache.kafka.common.errors.InterruptException interrupted while waiting
     */
    public void flush() {
        ensureOpen();
        lot.awaitLeft(Long.MAX_VALUE);
        client.flush();
    }

    /**
     * Closes the Kafka client and the resources given to {@link #closeWith(AutoCloseable)} with the producer. The
     * engine, not each face, owns them: faces of an injected producer share one engine.
     */
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    /** Closes with the close timeout of the settings. */
    public void close() {
        close(null);
    }

    /**
     * Refuses new records, then waits up to {@code timeout} for queued and buffered records to be delivered, then
     * closes the client and the resources. Records still queued then fail with a {@link KafkaException}; records still
     * in the client's buffer fail through their callbacks (the client's forced close). Each is reported once. Calling
     * it again, or concurrently, returns once the first close finished.
     *
     * @param timeout the longest wait; null for the close timeout of the settings
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
                lot.awaitLeft(deadline - System.nanoTime());
            } catch (KafkaException interrupted) {
                Thread.currentThread().interrupt();
            }
            lot.close(new KafkaException(description + " was closed before the Kafka client could take the "
                    + "record (no metadata for its topic or no buffer space within close-timeout)"));
            client.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            for (AutoCloseable resource : resources) {
                Utils.closeQuietly(resource, description + " " + resource.getClass().getName());
            }
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

    /** {@code Kafka producer '<name>' (<type>)}, the prefix of this engine's messages. */
    public String description() {
        return description;
    }

    /** The bound on one record from the send call to its outcome ({@code delivery-timeout}). */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /**
     * The resolved configuration of the Kafka client: for the readiness check, which reaches the cluster with the same
     * connection settings, and for serializers. Never log or expose it: it may hold credentials.
     */
    public Map<String, Object> kafkaConfig() {
        return kafkaConfig;
    }

    /** The Kafka client, to announce to Micrometer's Kafka binder (a CDI event). Do not send through it directly. */
    public Producer<byte[], byte[]> kafkaProducer() {
        return client;
    }

    /** Reactive faces: the records of one {@code sendMessages(Multi)} subscription in flight at most. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Whether records are kept until they settle, for an error logger that takes the failed records themselves. */
    public boolean keepsFailedRecords() {
        return keepsRecords;
    }

    /** How many records wait in the engine's queue for the Kafka client to take them. */
    public int queuedRecords() {
        return lot.size();
    }

    private Duration orDefault(Duration value, Duration fallback, String key) {
        Duration chosen = value != null ? value : fallback;
        if (chosen.isNegative()) {
            throw new IllegalArgumentException(description + ": " + key + " must not be negative");
        }
        return chosen;
    }
}
