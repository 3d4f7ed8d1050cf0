package io.quarkiverse.kafkaproducer.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.RequiredAcks;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * Everything needed to start one {@link ProducerEngine}: the single description of a producer that both the CDI
 * recorder (from {@code application.properties}) and {@link io.quarkiverse.kafkaproducer.KafkaProducers} (from
 * options) build, so that both kinds of producers share one code path.
 * <p>
 * Every setting left {@code null} takes its default (see {@link ProducerDefaults} and {@link KafkaConfigResolver}).
 * Not thread-safe: build it on one thread, then hand it to {@link ProducerEngine#start(ProducerSpec)}.
 */
public final class ProducerSpec {

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
    private SendTracer tracer;
    private Integer queueSize;
    private OverflowPolicy overflowPolicy;
    private Duration overflowTimeout;
    private Duration closeTimeout;

    public ProducerSpec(String name, ProducerType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The producer's name; used in the client id, the parking thread's name, telemetry and error messages. */
    public ProducerSpec name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The service name in telemetry and in the default client id. */
    public ProducerSpec serviceName(String serviceName) {
        this.serviceName = serviceName;
        return this;
    }

    /** The global {@code kafka.*} configuration (with {@code bootstrap.servers}), applied first. */
    public ProducerSpec baseConfig(Map<String, ?> baseConfig) {
        this.baseConfig = baseConfig == null ? Map.of() : baseConfig;
        return this;
    }

    /** Kafka retries ({@code retries}); null: Kafka's default (retry until the delivery timeout). */
    public ProducerSpec retryMax(Integer retryMax) {
        this.retryMax = retryMax;
        return this;
    }

    /** Pause between retries ({@code retry.backoff.ms}); null: Kafka's default, 100 ms. */
    public ProducerSpec retryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
        return this;
    }

    /** Kafka's {@code acks}; null: {@link RequiredAcks#ALL}. */
    public ProducerSpec requiredAcks(RequiredAcks requiredAcks) {
        this.requiredAcks = requiredAcks;
        return this;
    }

    /** Upper bound on one record's delivery ({@code delivery.timeout.ms}); null: Kafka's default, 120 s. */
    public ProducerSpec deliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
        return this;
    }

    /** Per-producer Kafka properties, applied last. */
    public ProducerSpec kafkaOverrides(Map<String, ?> kafkaOverrides) {
        this.kafkaOverrides = kafkaOverrides == null ? Map.of() : kafkaOverrides;
        return this;
    }

    /** Receives latency and size of every record; null: Micrometer's global registry. */
    public ProducerSpec telemetry(ProducerTelemetry telemetry) {
        this.telemetry = telemetry;
        return this;
    }

    /** Receives every failed record; null: the rate-limited logging error logger. */
    public ProducerSpec errorLogger(ProducerErrorLogger errorLogger) {
        this.errorLogger = errorLogger;
        return this;
    }

    /** Traces every record (a span, its context in the headers); null: no tracing. */
    public ProducerSpec tracer(SendTracer tracer) {
        this.tracer = tracer;
        return this;
    }

    /** How many records may wait for the Kafka client to take them; null: {@link ProducerDefaults#QUEUE_SIZE}. */
    public ProducerSpec queueSize(Integer queueSize) {
        this.queueSize = queueSize;
        return this;
    }

    /** What to do when that queue is full; null: {@link OverflowPolicy#FAIL}. */
    public ProducerSpec overflowPolicy(OverflowPolicy overflowPolicy) {
        this.overflowPolicy = overflowPolicy;
        return this;
    }

    /** How long {@link OverflowPolicy#BLOCK} waits for room; null: {@link ProducerDefaults#OVERFLOW_TIMEOUT}. */
    public ProducerSpec overflowTimeout(Duration overflowTimeout) {
        this.overflowTimeout = overflowTimeout;
        return this;
    }

    /** How long close waits for pending records; null: {@link ProducerDefaults#CLOSE_TIMEOUT}. */
    public ProducerSpec closeTimeout(Duration closeTimeout) {
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

    public SendTracer tracer() {
        return tracer;
    }

    public Integer queueSize() {
        return queueSize;
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
