package io.quarkiverse.kafkaproducer.runtime.settings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.RequiredAcks;
import io.quarkiverse.kafkaproducer.runtime.engine.RecordObserver;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * What the application asked of one producer: the single description that both the CDI glue (from
 * {@code application.properties}, see {@link ConfiguredSettings}) and {@link io.quarkiverse.kafkaproducer.KafkaProducers}
 * (from options) build, so that both kinds of producers share one code path. {@link ClientSettings#resolve} turns it
 * into what the engine runs with.
 * <p>
 * Every setting left {@code null} takes its default (see {@link ProducerDefaults} and {@link ClientSettings}).
 * Not thread-safe: build it on one thread, then hand it to the engine.
 */
public final class ProducerSettings {

    private String name;
    private final ProducerType type;
    private String serviceName;
    private Map<String, ?> baseConfig = Map.of();
    private Map<String, ?> kafkaOverrides = Map.of();
    private Integer retryMax;
    private Duration retryBackoff;
    private RequiredAcks requiredAcks;
    private Duration deliveryTimeout;
    private ProducerTelemetry telemetry;
    private ProducerErrorLogger errorLogger;
    private RecordObserver observer;
    private String observedAs;
    private SendTracer tracer;
    private Integer queueSize;
    private OverflowPolicy overflowPolicy;
    private Duration overflowTimeout;
    private Duration closeTimeout;
    private Integer maxInFlight;
    private String transactionalIdPrefix;
    private Integer poolSize;
    private Duration acquisitionTimeout;
    private Duration transactionTimeout;

    public ProducerSettings(String name, ProducerType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The producer's name; used in the client id, the parking thread's name, telemetry and error messages. */
    public ProducerSettings name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The service name in telemetry and in the default client id. */
    public ProducerSettings serviceName(String serviceName) {
        this.serviceName = serviceName;
        return this;
    }

    /** The global {@code kafka.*} configuration (with {@code bootstrap.servers}), applied first. */
    public ProducerSettings baseConfig(Map<String, ?> baseConfig) {
        this.baseConfig = baseConfig == null ? Map.of() : baseConfig;
        return this;
    }

    /** Kafka retries ({@code retries}); null: Kafka's default (retry until the delivery timeout). */
    public ProducerSettings retryMax(Integer retryMax) {
        this.retryMax = retryMax;
        return this;
    }

    /** Pause between retries ({@code retry.backoff.ms}); null: Kafka's default, 100 ms. */
    public ProducerSettings retryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
        return this;
    }

    /** Kafka's {@code acks}; null: {@link RequiredAcks#ALL}. */
    public ProducerSettings requiredAcks(RequiredAcks requiredAcks) {
        this.requiredAcks = requiredAcks;
        return this;
    }

    /**
     * Upper bound on one record's delivery, from the send call to its outcome, time waiting in the producer included
     * ({@code delivery-timeout}, Kafka's {@code delivery.timeout.ms}); null: 120 s.
     */
    public ProducerSettings deliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
        return this;
    }

    /** Per-producer Kafka properties, applied last. */
    public ProducerSettings kafkaOverrides(Map<String, ?> kafkaOverrides) {
        this.kafkaOverrides = kafkaOverrides == null ? Map.of() : kafkaOverrides;
        return this;
    }

    /** Receives latency and size of every record; null: Micrometer's global registry. */
    public ProducerSettings telemetry(ProducerTelemetry telemetry) {
        this.telemetry = telemetry;
        return this;
    }

    /** Receives every failed record; null: the rate-limited logging error logger. */
    public ProducerSettings errorLogger(ProducerErrorLogger errorLogger) {
        this.errorLogger = errorLogger;
        return this;
    }

    /** Sees every settled record, for the Dev UI; null: none. */
    public ProducerSettings observer(RecordObserver observer) {
        this.observer = observer;
        return this;
    }

    /** The producer's name for the observer; null: {@code <type>/<name>}. */
    public ProducerSettings observedAs(String observedAs) {
        this.observedAs = observedAs;
        return this;
    }

    /** Traces every record (a span, its context in the headers); null: no tracing. */
    public ProducerSettings tracer(SendTracer tracer) {
        this.tracer = tracer;
        return this;
    }

    /** Reactive producers: the records of one {@code sendMessages(Multi)} subscription in flight at most. */
    public ProducerSettings maxInFlight(Integer maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** Transactional producers: the start of every client's {@code transactional.id}, followed by its index. */
    public ProducerSettings transactionalIdPrefix(String transactionalIdPrefix) {
        this.transactionalIdPrefix = transactionalIdPrefix;
        return this;
    }

    /** Transactional producers: how many transactions may run at once; null: {@link ProducerDefaults#POOL_SIZE}. */
    public ProducerSettings poolSize(Integer poolSize) {
        this.poolSize = poolSize;
        return this;
    }

    /**
     * Transactional producers: how long a transaction waits for a free client; null:
     * {@link ProducerDefaults#ACQUISITION_TIMEOUT}.
     */
    public ProducerSettings acquisitionTimeout(Duration acquisitionTimeout) {
        this.acquisitionTimeout = acquisitionTimeout;
        return this;
    }

    /** Transactional producers: Kafka's {@code transaction.timeout.ms}; null: Kafka's default, 60 s. */
    public ProducerSettings transactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
        return this;
    }

    /**
     * How many records of one topic may wait for the Kafka client to take them; null:
     * {@link ProducerDefaults#QUEUE_SIZE}.
     */
    public ProducerSettings queueSize(Integer queueSize) {
        this.queueSize = queueSize;
        return this;
    }

    /** What to do when that queue is full; null: {@link OverflowPolicy#FAIL}. */
    public ProducerSettings overflowPolicy(OverflowPolicy overflowPolicy) {
        this.overflowPolicy = overflowPolicy;
        return this;
    }

    /** How long {@link OverflowPolicy#BLOCK} waits for room; null: {@link ProducerDefaults#OVERFLOW_TIMEOUT}. */
    public ProducerSettings overflowTimeout(Duration overflowTimeout) {
        this.overflowTimeout = overflowTimeout;
        return this;
    }

    /** How long close waits for pending records; null: {@link ProducerDefaults#CLOSE_TIMEOUT}. */
    public ProducerSettings closeTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
        return this;
    }

    public String name() {
        return name;
    }

    public ProducerType type() {
        return type;
    }

    public String serviceName() {
        return serviceName;
    }

    public Map<String, ?> baseConfig() {
        return baseConfig;
    }

    public Map<String, ?> kafkaOverrides() {
        return kafkaOverrides;
    }

    public Integer retryMax() {
        return retryMax;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public RequiredAcks requiredAcks() {
        return requiredAcks;
    }

    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public ProducerTelemetry telemetry() {
        return telemetry;
    }

    public ProducerErrorLogger errorLogger() {
        return errorLogger;
    }

    public RecordObserver observer() {
        return observer;
    }

    public String observedAs() {
        return observedAs;
    }

    public SendTracer tracer() {
        return tracer;
    }

    public Integer queueSize() {
        return queueSize;
    }

    /** The configured bound, or {@link ProducerDefaults#MAX_IN_FLIGHT}. */
    public int maxInFlight() {
        return maxInFlight != null ? maxInFlight : ProducerDefaults.MAX_IN_FLIGHT;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public Integer poolSize() {
        return poolSize;
    }

    public Duration acquisitionTimeout() {
        return acquisitionTimeout;
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    public Duration overflowTimeout() {
        return overflowTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }
}
