package io.quarkiverse.kafkaproducer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options of {@link KafkaProducers}, each the counterpart of a configuration key of the injected producers.
 * An option not given takes the same default as the injected producer of the same type.
 */
public final class ProducerOptions {

    private ProducerOptions() {
    }

    /**
     * Kafka producer properties, applied last (over the defaults and the other options), like
     * {@code quarkus.kafka-producer.<type>.kafka."<property>"}. Several {@code withConfig} options are merged, the
     * later winning per key. Properties that would break the producer's guarantees are refused when the producer is
     * created ({@link IllegalArgumentException} naming the keys).
     */
    public static ProducerOption withConfig(Map<String, Object> kafkaProperties) {
        Map<String, Object> copy = new HashMap<>(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        return new ProducerOption(settings -> {
            Map<String, Object> merged = new HashMap<>(settings.kafkaOverrides());
            merged.putAll(copy);
            settings.kafkaOverrides(merged);
        });
    }

    /** The producer's name, used in its client id, its parking thread's name, telemetry and error messages. */
    public static ProducerOption withName(String name) {
        Objects.requireNonNull(name, "name");
        return new ProducerOption(settings -> settings.name(name));
    }

    /** Where the producer reports the latency and size of each record; default: Micrometer's global registry. */
    public static ProducerOption withTelemetry(ProducerTelemetry telemetry) {
        Objects.requireNonNull(telemetry, "telemetry");
        return new ProducerOption(settings -> settings.telemetry(telemetry));
    }

    /** Where the producer reports each record it failed to deliver; default: the rate-limited logging one. */
    public static ProducerOption withErrorLogger(ProducerErrorLogger logger) {
        Objects.requireNonNull(logger, "logger");
        return new ProducerOption(settings -> settings.errorLogger(logger));
    }

    /** Maximum retry attempts per record (Kafka's {@code retries}); default: retry until the delivery timeout. */
    public static ProducerOption withRetryMax(int max) {
        return new ProducerOption(settings -> settings.retryMax(max));
    }

    /** The pause between retries (Kafka's {@code retry.backoff.ms}); default 100 ms. */
    public static ProducerOption withRetryBackoff(Duration backoff) {
        Objects.requireNonNull(backoff, "backoff");
        return new ProducerOption(settings -> settings.retryBackoff(backoff));
    }

    /**
     * Reactive producers: how many records of one {@code sendMessages(Multi)} subscription may be sent and not yet
     * reported at once, like {@code max-in-flight}; default 1,024. Ignored by the other types.
     */
    public static ProducerOption withMaxInFlight(int maxInFlight) {
        return new ProducerOption(settings -> settings.maxInFlight(maxInFlight));
    }

    /**
     * Transactional producers: how many transactions may run at once, each on a Kafka client of its own, like
     * {@code pool-size}; default 4. Ignored by the other types.
     */
    public static ProducerOption withPoolSize(int poolSize) {
        return new ProducerOption(settings -> settings.poolSize(poolSize));
    }

    /**
     * Transactional producers: how long a transaction waits for a free client, like {@code acquisition-timeout};
     * default 5 s. Ignored by the other types.
     */
    public static ProducerOption withAcquisitionTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new ProducerOption(settings -> settings.acquisitionTimeout(timeout));
    }

    /**
     * Transactional producers: how long a transaction may stay open before the broker aborts it, like
     * {@code transaction-timeout} (Kafka's {@code transaction.timeout.ms}); default 60 s. Ignored by the other types.
     */
    public static ProducerOption withTransactionTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new ProducerOption(settings -> settings.transactionTimeout(timeout));
    }

    /** How many acknowledgements a record needs (Kafka's {@code acks}); default {@link RequiredAcks#ALL}. */
    public static ProducerOption withRequiredAcks(RequiredAcks acks) {
        Objects.requireNonNull(acks, "acks");
        return new ProducerOption(settings -> settings.requiredAcks(acks));
    }
}
