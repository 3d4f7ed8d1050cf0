package io.quarkiverse.kafkaproducer.runtime.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.ProducerSpec;

/**
 * Turns the configuration of one producer into a {@link ProducerSpec}: a key the named producer leaves unset takes the
 * default producer's value of the same type; what both leave unset stays null, so that the engine applies its
 * built-in default.
 */
public final class ProducerSettingsResolver {

    private final KafkaProducerRuntimeConfig config;

    public ProducerSettingsResolver(KafkaProducerRuntimeConfig config) {
        this.config = config;
    }

    /**
     * @param type the producer type
     * @param name the producer name, or {@link KafkaProducerRuntimeConfig#DEFAULT_PRODUCER} for the default one
     * @param serviceName the service name for telemetry
     * @param kafkaConfig the global {@code kafka.*} configuration
     */
    public ProducerSpec resolve(ProducerType type, String name, String serviceName, Map<String, Object> kafkaConfig) {
        Optional<? extends ProducerConfig> named = producerConfig(type, name);
        Optional<? extends ProducerConfig> fallback = producerConfig(type, KafkaProducerRuntimeConfig.DEFAULT_PRODUCER);
        Map<String, String> kafkaOverrides = new HashMap<>();
        fallback.ifPresent(c -> kafkaOverrides.putAll(c.kafka()));
        named.ifPresent(c -> kafkaOverrides.putAll(c.kafka()));

        String displayName = KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(name) ? KafkaProducers.DEFAULT_NAME : name;
        ProducerSpec spec = new ProducerSpec(displayName, type)
                .serviceName(serviceName)
                .baseConfig(kafkaConfig)
                .kafkaOverrides(kafkaOverrides)
                .retryMax(pick(named, fallback, ProducerConfig::retryMax))
                .retryBackoff(pick(named, fallback, ProducerConfig::retryBackoff))
                .requiredAcks(pick(named, fallback, ProducerConfig::requiredAcks))
                .deliveryTimeout(pick(named, fallback, ProducerConfig::deliveryTimeout))
                .closeTimeout(pick(named, fallback, ProducerConfig::closeTimeout));
        if (type == ProducerType.ASYNC) {
            Optional<AsyncProducerConfig> namedAsync = named.map(AsyncProducerConfig.class::cast);
            Optional<AsyncProducerConfig> fallbackAsync = fallback.map(AsyncProducerConfig.class::cast);
            Integer queueSize = pick(namedAsync, fallbackAsync, AsyncProducerConfig::queueSize);
            if (queueSize != null) {
                spec.queueSize(queueSize);
            }
            spec.overflowPolicy(pick(namedAsync, fallbackAsync, AsyncProducerConfig::overflowPolicy))
                    .overflowTimeout(pick(namedAsync, fallbackAsync, AsyncProducerConfig::overflowTimeout));
        }
        return spec;
    }

    /** Whether telemetry is on for this producer; on unless turned off for it or for the default producer. */
    public boolean telemetryEnabled(ProducerType type, String name) {
        Boolean enabled = pick(producerConfig(type, name),
                producerConfig(type, KafkaProducerRuntimeConfig.DEFAULT_PRODUCER), ProducerConfig::telemetryEnabled);
        return enabled == null || enabled;
    }

    private Optional<? extends ProducerConfig> producerConfig(ProducerType type, String name) {
        return Optional.ofNullable(type == ProducerType.SYNC ? config.sync().get(name) : config.async().get(name));
    }

    private static <C, T> T pick(Optional<? extends C> named, Optional<? extends C> fallback,
            Function<C, Optional<T>> key) {
        return named.flatMap(key).or(() -> fallback.flatMap(key)).orElse(null);
    }
}
