package io.quarkiverse.kafkaproducer.runtime.transactions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.engine.Reporter;
import io.quarkiverse.kafkaproducer.runtime.settings.ClientSettings;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerDefaults;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkiverse.kafkaproducer.runtime.telemetry.DefaultReporting;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * The engine behind a transactional producer: a pool of Kafka clients, each with a {@code transactional.id} of its own,
 * and the life of one transaction on one of them, from {@code beginTransaction} to the commit or the abort.
 * <p>
 * Unlike the engine of the other types, it blocks: a transaction waits for a free client, for its records to be
 * written, and for the coordinator. Each record settles once, when its transaction ended: measured with
 * {@code success=true} only if the transaction committed. A transaction that failed is reported once to the error
 * logger; one that the application aborted by throwing is not an error, and is not reported.
 * <p>
 * Thread-safe; one transaction per thread at a time.
 */
public final class TransactionalEngine {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    private final String name;
    private final String description;
    private final String serviceName;
    private final String clientIdBase;
    private final String transactionalIdPrefix;
    private final Map<String, Object> kafkaConfig;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> clientFactory;
    private final Consumer<Producer<?, ?>> clientEvents;
    private final Reporter reporter;
    private final SendTracer tracer;
    private final Duration acquisitionTimeout;
    private final Duration closeTimeout;
    private final ClientPool pool;
    private final ThreadLocal<OpenTransaction> running = new ThreadLocal<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** Why this producer was fenced, once it was; it then starts no more transactions. */
    private volatile Fencing fencing;

    private record Fencing(String transactionalId, Throwable cause) {
    }

    private TransactionalEngine(ProducerSettings settings, ClientSettings resolved,
            Function<Map<String, Object>, Producer<byte[], byte[]>> clientFactory,
            Consumer<Producer<?, ?>> clientEvents) {
        this.name = settings.name();
        this.description = ClientSettings.describe(name, ProducerType.TRANSACTIONAL);
        this.serviceName = settings.serviceName();
        this.clientIdBase = resolved.clientId();
        this.kafkaConfig = resolved.kafkaConfig();
        this.clientFactory = clientFactory;
        this.clientEvents = clientEvents;
        this.transactionalIdPrefix = settings.transactionalIdPrefix();
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException(description + ": transactional-id-prefix must not be empty");
        }
        int poolSize = settings.poolSize() != null ? settings.poolSize() : ProducerDefaults.POOL_SIZE;
        if (poolSize < 1) {
            throw new IllegalArgumentException(description + ": pool-size must be at least 1, but is " + poolSize);
        }
        this.acquisitionTimeout = nonNegative(settings.acquisitionTimeout(), ProducerDefaults.ACQUISITION_TIMEOUT,
                "acquisition-timeout");
        this.closeTimeout = nonNegative(settings.closeTimeout(), ProducerDefaults.CLOSE_TIMEOUT, "close-timeout");
        this.reporter = new Reporter(name, ProducerType.TRANSACTIONAL, serviceName, clientIdBase,
                settings.telemetry() != null ? settings.telemetry() : DefaultReporting.telemetry(),
                settings.errorLogger() != null ? settings.errorLogger() : DefaultReporting.errorLogger(),
                settings.observer(), settings.observedAs());
        this.tracer = settings.tracer();
        // Kafka checks its own properties when a client is created; here already, as the first client starts later
        // (parsed, not built into a ProducerConfig, which would log every value once more).
        ProducerConfig.configDef().parse(clientConfig(0, clientIdBase + "-0"));
        this.pool = new ClientPool(poolSize, this::startClient, this::closeClient);
    }

    /**
     * Resolves the settings. Starts no client and does not contact the brokers: a client starts with the first
     * transaction that needs it.
     *
     * @param clientEvents told of every Kafka client started and closed (for Micrometer's Kafka binder)
     * @throws IllegalArgumentException the configuration is invalid; the message names the keys
     * @throws KafkaException the Kafka client refused its configuration
     */
    public static TransactionalEngine start(ProducerSettings settings, Consumer<Producer<?, ?>> clientEvents) {
        return start(settings, clientEvents,
                config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** Like {@link #start(ProducerSettings, Consumer)}, with clients of the given factory (mock clients in tests). */
    public static TransactionalEngine start(ProducerSettings settings, Consumer<Producer<?, ?>> clientEvents,
            Function<Map<String, Object>, Producer<byte[], byte[]>> clientFactory) {
        return new TransactionalEngine(settings, ClientSettings.resolve(settings), clientFactory, clientEvents);
    }

    /**
     * Runs {@code work} in a transaction on a free client, then commits; aborts when {@code work} throws, and rethrows
     * what it threw. See {@link io.quarkiverse.kafkaproducer.TransactionalProducer#inTransaction} for the contract.
     */
    public <T> T inTransaction(Function<OpenTransaction, T> work) {
        Objects.requireNonNull(work, "work");
        ensureOpen();
        if (running.get() != null) {
            throw new IllegalStateException(description + ": this thread already runs a transaction of this "
                    + "producer; send through the Transaction that its work was given, transactions do not nest");
        }
        refuseIfFenced();
        PooledClient client = acquire();
        OpenTransaction transaction = new OpenTransaction(this, client, Thread.currentThread());
        running.set(transaction);
        try {
            begin(transaction);
            T result;
            try {
                result = work.apply(transaction);
            } catch (RuntimeException | Error e) {
                transaction.end();
                abortForApplication(transaction, e);
                throw e;
            }
            transaction.end();
            commit(transaction);
            return result;
        } finally {
            transaction.end();
            running.remove();
            if (transaction.clientReusable()) {
                pool.release(client);
            } else {
                pool.discard(client);
            }
        }
    }

    private PooledClient acquire() {
        PooledClient client;
        try {
            client = pool.acquire(acquisitionTimeout);
        } catch (InterruptedException e) {
            throw new InterruptException(description + ": interrupted while waiting for a free Kafka client; no "
                    + "transaction was started", e);
        } catch (IllegalStateException poolClosed) {
            throw new IllegalStateException(description + " is closed");
        } catch (ProducerException startFailed) {
            reporter.logError(startFailed);
            throw startFailed;
        }
        if (client == null) {
            throw reported(new ProducerException(description + ": no Kafka client was free within "
                    + "acquisition-timeout (" + acquisitionTimeout.toMillis() + " ms): all " + pool.size()
                    + " clients (pool-size) run transactions; raise pool-size or acquisition-timeout, or shorten the "
                    + "transactions", name, ProducerType.TRANSACTIONAL, null, -1,
                    new TimeoutException("No free client within " + acquisitionTimeout.toMillis() + " ms")));
        }
        return client;
    }

    private void begin(OpenTransaction transaction) {
        try {
            transaction.client().producer().beginTransaction();
        } catch (RuntimeException e) {
            throw failed(transaction, "could not begin a transaction", null, -1, e);
        }
    }

    /** Commits, or aborts and throws; marks the client reusable when its transaction ended cleanly. */
    private void commit(OpenTransaction transaction) {
        Producer<byte[], byte[]> client = transaction.client().producer();
        RuntimeException flushFailure = null;
        try {
            client.flush();
        } catch (RuntimeException e) {
            flushFailure = e;
        }
        if (flushFailure instanceof InterruptException interrupted) {
            abort(transaction);
            settle(transaction, false, interrupted);
            throw new InterruptException(description + ": interrupted before the commit; the transaction was not "
                    + "committed and nothing of it is visible");
        }
        TransactionRecord failedRecord = transaction.firstFailedRecord();
        if (failedRecord != null) {
            abort(transaction);
            throw failed(transaction, "a record to topic '" + failedRecord.topic + "'"
                    + (failedRecord.partition() >= 0 ? " partition " + failedRecord.partition() : "") + " failed",
                    failedRecord.topic, failedRecord.partition(), failedRecord.failure());
        }
        if (transaction.offsetsFailure() != null) {
            abort(transaction);
            throw failed(transaction, "the Kafka client refused the offsets of consumer group '"
                    + transaction.offsetsGroup() + "'", null, -1, transaction.offsetsFailure());
        }
        if (flushFailure != null) {
            abort(transaction);
            throw failed(transaction, "its records could not be written", null, -1, flushFailure);
        }
        try {
            client.commitTransaction();
        } catch (TimeoutException | InterruptException e) {
            throw outcomeUnknown(transaction, e);
        } catch (RuntimeException e) {
            abort(transaction);
            throw failed(transaction, "the commit failed", null, -1, e);
        }
        settle(transaction, true, null);
        transaction.clientReusable(true);
    }

    /** The application's work threw: abort, and keep the abort's own failure with the application's exception. */
    private void abortForApplication(OpenTransaction transaction, Throwable applicationError) {
        try {
            abortOrThrow(transaction);
        } catch (RuntimeException abortFailure) {
            applicationError.addSuppressed(abortFailure);
        }
        settle(transaction, false, new TransactionAbortedException(
                "The application aborted the transaction: its work threw " + applicationError.getClass().getName()));
    }

    /** Aborts after a failure; an abort that fails leaves the client to be discarded, which ends the transaction. */
    private void abort(OpenTransaction transaction) {
        try {
            abortOrThrow(transaction);
        } catch (RuntimeException e) {
            LOG.debugf(e, "%s: aborting the failed transaction of transactional.id '%s' failed too; its client is "
                    + "closed", description, transaction.client().transactionalId());
        }
    }

    /**
     * Aborts even when the thread was interrupted (the interrupt is kept for the caller): a transaction left open would
     * hold back {@code read_committed} consumers of its partitions until {@code transaction-timeout}.
     */
    private void abortOrThrow(OpenTransaction transaction) {
        boolean interrupted = Thread.interrupted();
        try {
            transaction.client().producer().abortTransaction();
            transaction.clientReusable(true);
        } catch (RuntimeException e) {
            noteFencing(transaction, e);
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Measures every record of the transaction once, and ends its span. */
    private void settle(OpenTransaction transaction, boolean committed, Exception failure) {
        for (TransactionRecord record : transaction.records()) {
            reporter.measureSince(record.topic, record.partition(), record.startNanos, record.size, committed);
            if (record.span != null) {
                tracer.end(record.span, committed ? record.metadata() : null,
                        committed ? null : record.failure() != null ? record.failure() : failure);
            }
        }
    }

    /** A transaction that failed and was not committed: settled, reported once, and returned for throwing. */
    private ProducerException failed(OpenTransaction transaction, String what, String topic, int partition,
            Exception cause) {
        noteFencing(transaction, cause);
        Fencing fenced = fencing;
        String message = fenced != null && transaction.client().transactionalId().equals(fenced.transactionalId())
                ? description + ": the transaction was aborted and nothing of it is visible: " + fencedMessage(fenced)
                : description + ": the transaction was aborted and nothing of it is visible: " + what + ": "
                        + cause.getMessage();
        settle(transaction, false, cause);
        return reported(new ProducerException(message, name, ProducerType.TRANSACTIONAL, topic, partition, cause));
    }

    private ProducerException outcomeUnknown(OpenTransaction transaction, RuntimeException cause) {
        settle(transaction, false, cause);
        String message = description + ": the commit's outcome is unknown (" + cause.getMessage() + "): the "
                + "transaction may be visible, or not. Running the work again may write its records twice; make the "
                + "work idempotent (for example, records that consumers recognize by their key)";
        if (cause instanceof InterruptException) {
            reporter.logError(new ProducerException(message, name, ProducerType.TRANSACTIONAL, null, -1, cause));
            throw new InterruptException(message);
        }
        return reported(new ProducerException(message, name, ProducerType.TRANSACTIONAL, null, -1, cause));
    }

    /** Remembers that a newer instance fenced this producer, if {@code failure} says so. */
    private void noteFencing(OpenTransaction transaction, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException) {
                if (fencing == null) {
                    fencing = new Fencing(transaction.client().transactionalId(), t);
                    LOG.errorf("%s: %s", description, fencedMessage(fencing));
                }
                return;
            }
        }
    }

    private String fencedMessage(Fencing fenced) {
        return "the producer was fenced: a newer instance with transactional.id '" + fenced.transactionalId()
                + "' took over, an application started later with the same transactional-id-prefix '"
                + transactionalIdPrefix + "'. This producer starts no more transactions. Give each running instance a "
                + "transactional-id-prefix of its own (" + fenced.cause().getMessage() + ")";
    }

    private void refuseIfFenced() {
        Fencing fenced = fencing;
        if (fenced != null) {
            throw reported(new ProducerException(description + ": no transaction was started: "
                    + fencedMessage(fenced), name, ProducerType.TRANSACTIONAL, null, -1, fenced.cause()));
        }
    }

    private ProducerException reported(ProducerException error) {
        reporter.logError(error);
        return error;
    }

    private PooledClient startClient(int index) {
        String transactionalId = transactionalIdPrefix + index;
        String clientId = clientIdBase + "-" + index;
        Producer<byte[], byte[]> producer = clientFactory.apply(clientConfig(index, clientId));
        PooledClient client = new PooledClient(index, transactionalId, clientId, producer);
        clientEvents.accept(producer);
        try {
            // fences any earlier client with this transactional.id and aborts what it left open
            producer.initTransactions();
        } catch (RuntimeException e) {
            closeClient(client, Duration.ZERO);
            if (e instanceof InterruptException) {
                throw e;
            }
            throw new ProducerException(description + ": no transaction was started: the Kafka client of "
                    + "transactional.id '" + transactionalId + "' could not initialize its transactions: "
                    + e.getMessage(), name, ProducerType.TRANSACTIONAL, null, -1, e);
        }
        LOG.debugf("%s: started the Kafka client of transactional.id '%s', client id '%s'", description,
                transactionalId, clientId);
        return client;
    }

    private Map<String, Object> clientConfig(int index, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + index);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    private void closeClient(PooledClient client, Duration timeout) {
        if (!client.startClosing()) {
            return;
        }
        try {
            clientEvents.accept(client.producer()); // a second event unbinds the client's metrics
            client.producer().close(timeout);
        } catch (RuntimeException e) {
            LOG.debugf(e, "%s: closing the Kafka client of transactional.id '%s' failed", description,
                    client.transactionalId());
        }
    }

    /** Closes the serializers and other resources with the producer. */
    public void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    /** Closes with the close timeout of the settings. */
    public void close() {
        close(closeTimeout);
    }

    /**
     * Refuses new transactions, waits up to {@code timeout} for the running ones, then closes every client; a
     * transaction still running then fails. Calling it again does nothing.
     */
    public void close(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pool.close(timeout);
        for (AutoCloseable resource : resources) {
            Utils.closeQuietly(resource, description + " " + resource.getClass().getName());
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

    /** {@code Kafka producer '<name>' (transactional)}, the prefix of this engine's messages. */
    public String description() {
        return description;
    }

    /** The start of every client's {@code client.id}; each client adds its index. */
    public String clientId() {
        return clientIdBase;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public int poolSize() {
        return pool.size();
    }

    /**
     * The resolved configuration of the Kafka clients, without their {@code transactional.id} and {@code client.id}:
     * for the readiness check. Never log or expose it: it may hold credentials.
     */
    public Map<String, Object> kafkaConfig() {
        return kafkaConfig;
    }

    Reporter reporter() {
        return reporter;
    }

    SendTracer tracer() {
        return tracer;
    }

    private Duration nonNegative(Duration value, Duration fallback, String key) {
        Duration chosen = value != null ? value : fallback;
        if (chosen.isNegative()) {
            throw new IllegalArgumentException(description + ": " + key + " must not be negative");
        }
        return chosen;
    }
}
