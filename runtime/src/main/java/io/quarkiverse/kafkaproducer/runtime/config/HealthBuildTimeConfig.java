package io.quarkiverse.kafkaproducer.runtime.config;

import io.smallrye.config.WithDefault;

/** Whether the producers' readiness check is added when the application has {@code quarkus-smallrye-health}. */
public interface HealthBuildTimeConfig {

    /**
     * Whether a readiness check reports, for each producer, whether it can reach its Kafka cluster. Only applies when
     * the application has the {@code quarkus-smallrye-health} extension. On by default, unlike
     * {@code quarkus.kafka.health.enabled} and like Quarkus Messaging's Kafka channels: an instance that cannot reach Kafka
     * cannot do its producers' work. Turn it off when the application should keep taking traffic through a Kafka
     * outage.
     */
    @WithDefault("true")
    boolean enabled();
}
