package io.quarkiverse.kafkaproducer.runtime.config;

import io.smallrye.config.WithDefault;

/** Whether the producers' readiness check is added when the application has {@code quarkus-smallrye-health}. */
public interface HealthBuildTimeConfig {

    /**
     * Whether a readiness check reports, for each producer, whether it can reach its Kafka cluster. Only applies when
     * the application has the {@code quarkus-smallrye-health} extension.
     */
    @WithDefault("true")
    boolean enabled();
}
