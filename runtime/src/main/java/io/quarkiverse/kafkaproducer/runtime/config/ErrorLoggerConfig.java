package io.quarkiverse.kafkaproducer.runtime.config;

import io.smallrye.config.WithDefault;

/**
 * The default error logger, which logs each record a producer failed to deliver at ERROR in category
 * {@code io.quarkiverse.kafkaproducer}.
 */
public interface ErrorLoggerConfig {

    /**
     * How many failed records each producer logs per second at most. Failures beyond that are counted and the count
     * is logged once the second is over, so that a dead broker under load cannot flood the log while no failure goes
     * unaccounted.
     */
    @WithDefault("10")
    int linesPerSecond();
}
