package io.quarkiverse.kafkaproducer.runtime.config;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithUnnamedKey;

/**
 * Run-time configuration of the Kafka producers.
 * <p>
 * Each producer is configured under {@code quarkus.kafka-producer.<type>}, {@code sync}, {@code async},
 * {@code reactive} or {@code transactional}:
 * the unnamed entry configures the default producer of that type, a quoted name configures the producer injected
 * with {@code @Identifier("name")}. A key a named producer leaves unset takes the default producer's value, then the
 * built-in default; Kafka connection settings come from the global {@code kafka.*} configuration.
 */
@ConfigMapping(prefix = "quarkus.kafka-producer")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface KafkaProducerRuntimeConfig {

    /** The key under which the default (unnamed) producer of each type is stored. */
    String DEFAULT_PRODUCER = "<default>";

    /**
     * The service name reported to telemetry with every record.
     * Defaults to {@code quarkus.application.name}.
     */
    Optional<String> serviceName();

    /** The default Micrometer telemetry. */
    @ConfigDocSection
    TelemetryConfig telemetry();

    /** The default error logger. */
    @ConfigDocSection
    ErrorLoggerConfig errorLogger();

    /** The readiness check (with {@code quarkus-smallrye-health}). */
    @ConfigDocSection
    HealthConfig health();

    /**
     * Sync producers: the default one, and named ones configured with {@code sync."name".<key>}.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(DEFAULT_PRODUCER)
    Map<String, SyncProducerConfig> sync();

    /**
     * Async producers: the default one, and named ones configured with {@code async."name".<key>}.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(DEFAULT_PRODUCER)
    Map<String, AsyncProducerConfig> async();

    /**
     * Reactive producers: the default one, and named ones configured with {@code reactive."name".<key>}. They take the
     * async producers' keys and defaults, and {@code max-in-flight}.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(DEFAULT_PRODUCER)
    Map<String, ReactiveProducerConfig> reactive();

    /**
     * Transactional producers: the default one, and named ones configured with {@code transactional."name".<key>}.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(DEFAULT_PRODUCER)
    Map<String, TransactionalProducerConfig> transactional();

    /** The configuration of the default sync producer, empty when none is configured. */
    default Optional<SyncProducerConfig> defaultSync() {
        return Optional.ofNullable(sync().get(DEFAULT_PRODUCER));
    }

    /** The configuration of the default async producer, empty when none is configured. */
    default Optional<AsyncProducerConfig> defaultAsync() {
        return Optional.ofNullable(async().get(DEFAULT_PRODUCER));
    }
}
