package io.quarkiverse.kafkaproducer.deployment;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.RequiredAcks;
import io.quarkiverse.kafkaproducer.runtime.OverflowPolicy;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Reads the producers' keys from the configuration known at build time: refuses values that could only fail at
 * start-up, naming the key and what it accepts, and tells which configured producer names nothing injects.
 */
final class ProducerConfigCheck {

    private static final Pattern KEY = Pattern.compile("quarkus\\.kafka-producer\\.(sync|async)\\.(?:\"([^\"]+)\"\\.)?(.+)");
    private static final Set<String> PRODUCER_KEYS = Set.of("retry-max", "retry-backoff", "required-acks",
            "delivery-timeout", "close-timeout", "telemetry-enabled", "kafka", "queue-size", "overflow-policy",
            "overflow-timeout", "key-serializer", "value-serializer");
    private static final Set<String> DURATIONS = Set.of("retry-backoff", "delivery-timeout", "close-timeout",
            "overflow-timeout");

    /** Configured producer names, by type; the default producer is not listed. */
    private final Map<ProducerType, Set<String>> configuredNames = new TreeMap<>();

    private ProducerConfigCheck() {
    }

    /**
     * @throws ConfigurationException a value is invalid; the message names the key
     */
    static ProducerConfigCheck check(Config config) {
        ProducerConfigCheck check = new ProducerConfigCheck();
        for (String property : config.getPropertyNames()) {
            Matcher matcher = KEY.matcher(property);
            if (!matcher.matches()) {
                continue;
            }
            ProducerType type = ProducerType.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
            String name = matcher.group(2);
            String key = matcher.group(3);
            if (name == null) {
                int dot = key.indexOf('.');
                String first = dot < 0 ? key : key.substring(0, dot);
                if (!PRODUCER_KEYS.contains(first) && dot > 0) {
                    name = first; // an unquoted name: sync.payments.retry-max
                    key = key.substring(dot + 1);
                }
            }
            if (name != null) {
                check.configuredNames.computeIfAbsent(type, t -> new TreeSet<>()).add(name);
            }
            String producerKey = key;
            config.getOptionalValue(property, String.class).ifPresent(value -> checkValue(property, producerKey, value));
        }
        return check;
    }

    /** Calls back with each configured name of the type that is not in {@code injected}. */
    void forEachUninjected(ProducerType type, Set<String> injected, Consumer<String> action) {
        configuredNames.getOrDefault(type, Set.of()).stream()
                .filter(name -> !injected.contains(name))
                .filter(name -> !KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(name))
                .forEach(action);
    }

    private static void checkValue(String property, String key, String value) {
        try {
            if ("required-acks".equals(key)) {
                RequiredAcks.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } else if ("overflow-policy".equals(key)) {
                OverflowPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } else if (DURATIONS.contains(key)) {
                Duration duration = DurationConverter.parseDuration(value.trim());
                if (duration == null || duration.isNegative()) {
                    throw new IllegalArgumentException();
                }
            } else if ("retry-max".equals(key) || "queue-size".equals(key)) {
                int number = Integer.parseInt(value.trim());
                if (number < ("queue-size".equals(key) ? 1 : 0)) {
                    throw new IllegalArgumentException();
                }
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException(String.format("%s=%s is not valid: %s", property, value, expected(key)),
                    Set.of(property));
        }
    }

    private static String expected(String key) {
        return switch (key) {
            case "required-acks" -> "use none, leader or all";
            case "overflow-policy" -> "use fail or block";
            case "retry-max" -> "use a whole number, 0 or more";
            case "queue-size" -> "use a whole number, 1 or more";
            default -> "use a duration such as 500ms, 30s or PT1M";
        };
    }
}
