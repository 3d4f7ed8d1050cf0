package io.quarkiverse.kafkaproducer.runtime.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.config.AsyncProducerConfig;
import io.quarkiverse.kafkaproducer.runtime.config.CommonProducerConfig;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkiverse.kafkaproducer.runtime.config.ReactiveProducerConfig;
import io.quarkiverse.kafkaproducer.runtime.config.TransactionalProducerConfig;

/**
 * Reads the {@link ProducerSettings} of an injected producer from {@code application.properties}: a key the named
 * producer leaves unset takes the default producer's value of the same type; what both leave unset stays null, so
 * that the built-in default applies.
 */
public final class ConfiguredSettings {

    private final KafkaProducerRuntimeConfig config;

    public ConfiguredSettings(KafkaProducerRuntimeConfig config) {
        this.config = config;
    }

    /**
     * @param type the producer type
     * @param name the producer name, or {@link KafkaProducerRuntimeConfig#DEFAULT_PRODUCER} for the default one
     * @param serviceName the service name for telemetry
     * @param kafkaConfig the global {@code kafka.*} configuration
     */
    public ProducerSettings of(ProducerType type, String name, String serviceName, Map<String, Object> kafkaConfig) {
        Optional<? extends CommonProducerConfig> named = producerConfig(type, name);
        Optional<? extends CommonProducerConfig> fallback = producerConfig(type,
                KafkaProducerRuntimeConfig.DEFAULT_PRODUCER);
        Map<String, String> kafkaOverrides = new HashMap<>();
        fallback.ifPresent(c -> kafkaOverrides.putAll(c.kafka()));
        named.ifPresent(c -> kafkaOverrides.putAll(c.kafka()));

        String displayName = KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(name) ? KafkaProducers.DEFAULT_NAME
                : name;
        ProducerSettings settings = new ProducerSettings(displayName, type)
                .serviceName(serviceName)
                .baseConfig(kafkaConfig)
                .kafkaOverrides(kafkaOverrides)
                .retryMax(pick(named, fallback, CommonProducerConfig::retryMax))
                .retryBackoff(pick(named, fallback, CommonProducerConfig::retryBackoff))
                .requiredAcks(pick(named, fallback, CommonProducerConfig::requiredAcks))
                .deliveryTimeout(pick(named, fallback, CommonProducerConfig::deliveryTimeout))
                .closeTimeout(pick(named, fallback, CommonProducerConfig::closeTimeout));
        if (type == ProducerType.ASYNC || type == ProducerType.REACTIVE) {
            Optional<AsyncProducerConfig> namedAsync = named.map(AsyncProducerConfig.class::cast);
            Optional<AsyncProducerConfig> fallbackAsync = fallback.map(AsyncProducerConfig.class::cast);
            settings.queueSize(pick(namedAsync, fallbackAsync, AsyncProducerConfig::queueSize))
                    .overflowPolicy(pick(namedAsync, fallbackAsync, AsyncProducerConfig::overflowPolicy))
                    .overflowTimeout(pick(namedAsync, fallbackAsync, AsyncProducerConfig::overflowTimeout));
        }
        if (type == ProducerType.TRANSACTIONAL) {
            Optional<TransactionalProducerConfig> namedTx = named.map(TransactionalProducerConfig.class::cast);
            Optional<TransactionalProducerConfig> fallbackTx = fallback.map(TransactionalProducerConfig.class::cast);
            // the prefix is the producer's own: a named producer that took the default's would share its ids
            settings.transactionalIdPrefix(namedTx.flatMap(TransactionalProducerConfig::transactionalIdPrefix)
                    .orElse(null))
                    .poolSize(pick(namedTx, fallbackTx, TransactionalProducerConfig::poolSize))
                    .acquisitionTimeout(pick(namedTx, fallbackTx, TransactionalProducerConfig::acquisitionTimeout))
                    .transactionTimeout(pick(namedTx, fallbackTx, TransactionalProducerConfig::transactionTimeout));
        }
        if (type == ProducerType.REACTIVE) {
            settings.maxInFlight(pick(named.map(ReactiveProducerConfig.class::cast),
                    fallback.map(ReactiveProducerConfig.class::cast), ReactiveProducerConfig::maxInFlight));
        }
        return settings;
    }

    /** Whether telemetry is on for this producer; on unless turned off for it or for the default producer. */
    public boolean telemetryEnabled(ProducerType type, String name) {
        Boolean enabled = pick(producerConfig(type, name),
                producerConfig(type, KafkaProducerRuntimeConfig.DEFAULT_PRODUCER),
                CommonProducerConfig::telemetryEnabled);
        return enabled == null || enabled;
    }

    private Optional<? extends CommonProducerConfig> producerConfig(ProducerType type, String name) {
        return Optional.ofNullable(switch (type) {
            case SYNC -> config.sync().get(name);
            case ASYNC -> config.async().get(name);
            case REACTIVE -> config.reactive().get(name);
            case TRANSACTIONAL -> config.transactional().get(name);
        });
    }

    private static <C, T> T pick(Optional<? extends C> named, Optional<? extends C> fallback,
            Function<C, Optional<T>> key) {
        return named.flatMap(key).or(() -> fallback.flatMap(key)).orElse(null);
    }
}
