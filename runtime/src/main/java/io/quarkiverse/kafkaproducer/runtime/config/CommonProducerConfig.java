package io.quarkiverse.kafkaproducer.runtime.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.kafkaproducer.RequiredAcks;
import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocMapKey;

/**
 * The keys every producer has, sync or async.
 * <p>
 * No key has a {@code @WithDefault}: an unset key of a named producer must fall back to the default producer's
 * value, which a mapping default would hide. {@link io.quarkiverse.kafkaproducer.runtime.settings.ConfiguredSettings} applies
 * the fallbacks.
 */
public interface CommonProducerConfig {

    /**
     * How many times a failed send is retried before the record is reported as failed.
     * Unset, the Kafka client retries until {@code delivery-timeout} has passed.
     * {@code 0} turns off retries, and with them idempotence.
     */
    @ConfigDocDefault("retries until delivery-timeout")
    Optional<Integer> retryMax();

    /**
     * The pause between two attempts to send a record (Kafka's {@code retry.backoff.ms}). Above 1 s, Kafka's
     * {@code retry.backoff.max.ms} is raised to it when not set, so that the pause is the one asked for.
     */
    @ConfigDocDefault("100ms")
    Optional<Duration> retryBackoff();

    /**
     * How many acknowledgements the broker must collect before a record counts as written: {@code none},
     * {@code leader} (the partition leader wrote it) or {@code all} (every in-sync replica has it).
     * Anything but {@code all} turns idempotence off; the sync producer then keeps order by sending one request at
     * a time per broker.
     */
    @ConfigDocDefault("all")
    Optional<RequiredAcks> requiredAcks();

    /**
     * Upper bound on the delivery of one record, from the send call to its outcome, retries and waiting included
     * (Kafka's {@code delivery.timeout.ms}). A record that has not been acknowledged by then fails with a timeout, so
     * a sync call never waits longer. Up to a third of it may be spent waiting in the producer for the Kafka client
     * to take the record (no metadata for its topic yet, buffer full); the Kafka client's own
     * {@code delivery.timeout.ms} is set to the other two thirds. When {@code kafka."request.timeout.ms"} is not
     * set, it is derived to fit: half of the client's share after {@code linger.ms}, at most 30 s.
     */
    @ConfigDocDefault("120s")
    Optional<Duration> deliveryTimeout();

    /**
     * How long closing the producer at application shutdown waits for records in flight to be delivered.
     * Records still undelivered after that are reported to the error logger.
     */
    @ConfigDocDefault("30s")
    Optional<Duration> closeTimeout();

    /**
     * Whether every record is reported to the {@code ProducerTelemetry} bean (by default, Micrometer meters).
     */
    @ConfigDocDefault("true")
    Optional<Boolean> telemetryEnabled();

    /**
     * Any Kafka producer property, for example {@code kafka."compression.type"=lz4}. These win over the global
     * {@code kafka.*} configuration and over the keys above.
     */
    @ConfigDocMapKey("property-name")
    Map<String, String> kafka();
}
