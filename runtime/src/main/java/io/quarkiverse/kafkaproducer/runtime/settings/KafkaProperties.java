package io.quarkiverse.kafkaproducer.runtime.settings;

import static org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Kafka properties of one producer while {@link ClientSettings} builds them, with typed reads that name the key
 * when a value does not parse, and a record of which keys the application set (as opposed to this extension's
 * defaults and derived values), so that only what the application set explicitly is ever refused. Values may be
 * strings (from {@code application.properties}) or numbers and booleans (from code), as Kafka accepts both.
 */
final class KafkaProperties {

    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> userSet = new HashSet<>();
    private final String producer;

    KafkaProperties(String producer) {
        this.producer = producer;
    }

    /** A default of this extension, which the application's settings override. */
    void putDefault(String key, Object value) {
        values.put(key, value);
    }

    /** A value this extension forces or derives; it does not count as set by the application. */
    void put(String key, Object value) {
        values.put(key, value);
    }

    /** Settings of the application. */
    void putAll(Map<String, ?> properties) {
        properties.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
                userSet.add(key);
            }
        });
    }

    /** Whether the application set the key (in {@code kafka.*}, a typed setting or the producer's Kafka properties). */
    boolean isUserSet(String key) {
        return userSet.contains(key);
    }

    /**
     * Applies the per-producer Kafka properties; one that sets a key of a typed setting to another value is refused,
     * since either choice would surprise somebody.
     */
    void putOverrides(Map<String, ?> overrides, Map<String, Object> typed) {
        overrides.forEach((key, value) -> {
            Object typedValue = typed.get(key);
            if (value != null && typedValue != null && !sameValue(key, typedValue, value)) {
                throw new IllegalArgumentException(producer + ": Kafka property " + key + "=" + value
                        + " contradicts the producer setting " + settingName(key) + " (" + key + "=" + typedValue
                        + "); set only one of them");
            }
        });
        putAll(overrides);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    String string(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString().trim();
    }

    Long longValue(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(producer + ": " + key + " must be a number, but is '" + value + "'");
        }
    }

    Integer intValue(String key) {
        Long value = longValue(key);
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    Boolean booleanValue(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(producer + ": " + key + " must be true or false, but is '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Kafka's {@code acks} normalized to {@code 0}, {@code 1} or {@code all}; {@code all} when unset. */
    String acks() {
        String acks = string(ACKS_CONFIG);
        if (acks == null || acks.equalsIgnoreCase("all") || acks.equals("-1")) {
            return "all";
        }
        if (acks.equals("0") || acks.equals("1")) {
            return acks;
        }
        throw new IllegalArgumentException(producer + ": acks must be 0, 1, all or -1, but is '" + acks + "'");
    }

    Map<String, Object> asMap() {
        return new HashMap<>(values);
    }

    private static boolean sameValue(String key, Object a, Object b) {
        String x = a.toString().trim();
        String y = b.toString().trim();
        if (key.equals(ACKS_CONFIG)) {
            return normalizeAcks(x).equals(normalizeAcks(y));
        }
        return Objects.equals(x, y);
    }

    private static String normalizeAcks(String acks) {
        return acks.equals("-1") ? "all" : acks.toLowerCase(Locale.ROOT);
    }

    /** The producer setting that writes a Kafka key, for messages. */
    static String settingName(String key) {
        switch (key) {
            case "acks":
                return "required-acks";
            case "retries":
                return "retry-max";
            case "retry.backoff.ms":
                return "retry-backoff";
            case "delivery.timeout.ms":
                return "delivery-timeout";
            default:
                return key;
        }
    }
}
