package io.quarkiverse.kafkaproducer.runtime.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.kafkaproducer.KafkaProducers;

/**
 * Where a producer's effective Kafka client property comes from: its own key, the default producer of its type, the
 * global {@code kafka.*} configuration, or the extension's default.
 */
final class SettingSources {

    static final String EXTENSION_DEFAULT = "default";

    /** Kafka properties that the extension's own keys set. */
    private static final Map<String, String> OWN_KEYS = Map.of(
            "acks", "required-acks",
            "retries", "retry-max",
            "retry.backoff.ms", "retry-backoff",
            "delivery.timeout.ms", "delivery-timeout",
            "transaction.timeout.ms", "transaction-timeout",
            "transactional.id", "transactional-id-prefix");

    private final Config config;

    SettingSources(Config config) {
        this.config = config;
    }

    /** @return the configuration key that set the property, or {@link #EXTENSION_DEFAULT} */
    String sourceOf(String type, String name, String kafkaProperty) {
        String typePrefix = "quarkus.kafka-producer." + type + ".";
        List<String> prefixes = new ArrayList<>();
        if (!KafkaProducers.DEFAULT_NAME.equals(name)) {
            prefixes.add(typePrefix + "\"" + name + "\".");
        }
        prefixes.add(typePrefix);
        for (String prefix : prefixes) {
            for (String key : candidates(prefix, kafkaProperty)) {
                if (config.getConfigValue(key).getValue() != null) {
                    return key;
                }
            }
        }
        String global = "kafka." + kafkaProperty;
        return config.getConfigValue(global).getValue() != null ? global : EXTENSION_DEFAULT;
    }

    private static List<String> candidates(String prefix, String kafkaProperty) {
        List<String> keys = new ArrayList<>();
        String ownKey = OWN_KEYS.get(kafkaProperty);
        if (ownKey != null) {
            keys.add(prefix + ownKey);
        }
        keys.add(prefix + "kafka.\"" + kafkaProperty + "\"");
        keys.add(prefix + "kafka." + kafkaProperty);
        return keys;
    }
}
