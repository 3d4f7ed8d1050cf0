package io.quarkiverse.kafkaproducer.runtime.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The readiness check of the producers, present when the application has the {@code quarkus-smallrye-health}
 * extension. The check never contacts the cluster itself: a background task asks the cluster of each producer for its
 * brokers every {@code interval}, and the check reports the last answers.
 */
public interface HealthConfig {

    /**
     * How often the background task asks each producer's cluster for its brokers.
     */
    @WithDefault("10s")
    Duration interval();

    /**
     * How long one such request may take before the producer counts as unable to reach its cluster.
     */
    @WithDefault("5s")
    Duration timeout();
}
