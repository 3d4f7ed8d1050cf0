package io.quarkiverse.kafkaproducer.deployment;

import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerBuildTimeConfig;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * Adds the producers' readiness check. The health extension consumes the build item only when the application has
 * {@code quarkus-smallrye-health}; without it, the check's class is never loaded.
 */
class KafkaProducerHealthProcessor {

    // by name: the class implements a SmallRye Health interface, which the build class path may lack
    private static final String READINESS_CHECK = "io.quarkiverse.kafkaproducer.runtime.health.KafkaProducerReadinessCheck";

    @BuildStep
    HealthBuildItem addReadinessCheck(KafkaProducerBuildTimeConfig config) {
        return new HealthBuildItem(READINESS_CHECK, config.health().enabled());
    }
}
