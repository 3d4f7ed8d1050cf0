package io.quarkiverse.kafkaproducer.runtime.config;

import java.util.Map;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithUnnamedKey;

/**
 * Build-time configuration of the Kafka producers: what the deployment module needs to know to declare the producer
 * beans (their serializers). Named producers are keyed as in {@link KafkaProducerRuntimeConfig}.
 */
@ConfigMapping(prefix = "quarkus.kafka-producer")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface KafkaProducerBuildTimeConfig {

    /**
     * Sync producers.
     * <p>
     * Their serializers are chosen at build time; their other keys are read at run time.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(KafkaProducerRuntimeConfig.DEFAULT_PRODUCER)
    Map<String, SerializerConfig> sync();

    /**
     * Async producers.
     * <p>
     * Their serializers are chosen at build time; their other keys are read at run time.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(KafkaProducerRuntimeConfig.DEFAULT_PRODUCER)
    Map<String, SerializerConfig> async();

    /**
     * Reactive producers.
     * <p>
     * Their serializers are chosen at build time; their other keys are read at run time.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(KafkaProducerRuntimeConfig.DEFAULT_PRODUCER)
    Map<String, SerializerConfig> reactive();

    /**
     * Transactional producers.
     * <p>
     * Their serializers are chosen at build time; their other keys are read at run time.
     */
    @ConfigDocSection
    @ConfigDocMapKey("producer-name")
    @WithUnnamedKey(KafkaProducerRuntimeConfig.DEFAULT_PRODUCER)
    Map<String, SerializerConfig> transactional();

    /** Tracing (with {@code quarkus-opentelemetry}). */
    @ConfigDocSection
    TracingBuildTimeConfig tracing();

    /** The readiness check (with {@code quarkus-smallrye-health}). */
    @ConfigDocSection
    HealthBuildTimeConfig health();
}
