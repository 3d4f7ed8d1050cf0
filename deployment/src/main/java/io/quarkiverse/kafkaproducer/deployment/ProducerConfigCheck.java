package io.quarkiverse.kafkaproducer.deployment;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Reads the producers' keys from the configuration known at build time: refuses values that could only fail at
 * start-up, naming the key and what it accepts, and tells which configured producer names nothing injects. The keys
 * and what each accepts come from the config mapping ({@link ProducerKeys}), so that a key added there is checked
 * here too.
 */
final class ProducerConfigCheck {

    private static final String PREFIX = "quarkus.kafka-producer.";

    /** The smallest value of the whole-number keys that have one. */
    private static final Map<String, Integer> MINIMUMS = Map.of("retry-max", 0, "queue-size", 1, "max-in-flight", 1,
            "pool-size", 1);

    /** Configured producer names, by type; the default producer is not listed. */
    private final Map<ProducerType, Set<String>> configuredNames = new TreeMap<>();

    private ProducerConfigCheck() {
    }

    /**
     * @throws ConfigurationException a value is invalid; the message names the key
     */
    static ProducerConfigCheck check(Config config) {
        ProducerConfigCheck check = new ProducerConfigCheck();
        Map<ProducerType, ProducerKeys> keysByType = ProducerKeys.byType();
        for (String property : config.getPropertyNames()) {
            if (!property.startsWith(PREFIX)) {
                continue;
            }
            String rest = property.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            ProducerType type = dot < 0 ? null : typeNamed(rest.substring(0, dot));
            ProducerKeys keys = keysByType.get(type);
            if (keys == null) {
                continue;
            }
            String name = null;
            String key = rest.substring(dot + 1);
            if (key.startsWith("\"")) {
                int close = key.indexOf('"', 1);
                if (close < 0 || close + 1 >= key.length() || key.charAt(close + 1) != '.') {
                    continue;
                }
                name = key.substring(1, close);
                key = key.substring(close + 2);
            } else {
                int next = key.indexOf('.');
                String first = next < 0 ? key : key.substring(0, next);
                if (keys.kind(first) == null && next > 0) {
                    name = first; // an unquoted name: sync.payments.retry-max
                    key = key.substring(next + 1);
                }
            }
            if (KafkaProducers.DEFAULT_NAME.equals(name)) {
                throw new ConfigurationException(String.format("%s configures a producer named \"%s\", the name of "
                        + "the %s producer injected without @Identifier: configure that one with %s%s.%s", property,
                        name, type.tagValue(), PREFIX, type.tagValue(), key), Set.of(property));
            }
            if (name != null) {
                check.configuredNames.computeIfAbsent(type, t -> new TreeSet<>()).add(name);
            }
            ProducerKeys.Kind kind = keys.kind(key);
            if (kind != null) {
                String checked = key;
                config.getOptionalValue(property, String.class)
                        .ifPresent(value -> checkValue(property, checked, kind, keys.enumType(checked), value));
            }
            if (type == ProducerType.TRANSACTIONAL) {
                checkTransactional(config, property, key);
            }
            if (type == ProducerType.REACTIVE && "overflow-policy".equals(key)) {
                config.getOptionalValue(property, String.class).filter(value -> value.trim().equalsIgnoreCase("block"))
                        .ifPresent(value -> {
                            throw new ConfigurationException(property + "=" + value + " is not allowed: a reactive "
                                    + "producer never blocks its caller; a record that does not fit in the queue "
                                    + "fails its Uni at once (overflow-policy fail, the default)", Set.of(property));
                        });
            }
        }
        return check;
    }

    /** Refuses what transactions cannot work with, naming the key. */
    private static void checkTransactional(Config config, String property, String key) {
        String value = config.getOptionalValue(property, String.class).map(String::trim).orElse("");
        if ("required-acks".equals(key) && !value.equalsIgnoreCase("all")) {
            throw new ConfigurationException(property + "=" + value + " is not allowed: transactions need every "
                    + "in-sync replica's acknowledgement (all, the default)", Set.of(property));
        }
        if ("retry-max".equals(key) && value.equals("0")) {
            throw new ConfigurationException(property + "=0 is not allowed: transactions need an idempotent "
                    + "producer, which retries; remove it or use a number above 0", Set.of(property));
        }
        if ((key.equals("kafka.\"enable.idempotence\"") || key.equals("kafka.enable.idempotence"))
                && value.equalsIgnoreCase("false")) {
            throw new ConfigurationException(property + "=false is not allowed: transactions need an idempotent "
                    + "producer; remove it", Set.of(property));
        }
        if (key.equals("kafka.\"transactional.id\"") || key.equals("kafka.transactional.id")) {
            throw new ConfigurationException(property + " is not allowed: a transactional producer gives each of "
                    + "its clients a transactional.id of its own, transactional-id-prefix followed by the client's "
                    + "index; set transactional-id-prefix instead", Set.of(property));
        }
    }

    /** Calls back with each configured name of the type that is not in {@code injected}. */
    void forEachUninjected(ProducerType type, Set<String> injected, Consumer<String> action) {
        configuredNames.getOrDefault(type, Set.of()).stream()
                .filter(name -> !injected.contains(name))
                .filter(name -> !KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(name))
                .forEach(action);
    }

    private static ProducerType typeNamed(String segment) {
        for (ProducerType type : ProducerType.values()) {
            if (type.tagValue().equals(segment)) {
                return type;
            }
        }
        return null;
    }

    private static void checkValue(String property, String key, ProducerKeys.Kind kind, Class<?> enumType,
            String value) {
        try {
            switch (kind) {
                case CHOICE -> enumConstant(enumType, value);
                case DURATION -> {
                    Duration duration = DurationConverter.parseDuration(value.trim());
                    if (duration == null || duration.isNegative()) {
                        throw new IllegalArgumentException();
                    }
                }
                case WHOLE_NUMBER -> {
                    if (Integer.parseInt(value.trim()) < MINIMUMS.getOrDefault(key, Integer.MIN_VALUE)) {
                        throw new IllegalArgumentException();
                    }
                }
                case BOOLEAN -> {
                    if (!value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException();
                    }
                }
                default -> {
                    // text and maps: anything goes here; the Kafka client checks its own properties
                }
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException(String.format("%s=%s is not valid: %s", property, value,
                    expected(key, kind, enumType)), Set.of(property));
        }
    }

    private static void enumConstant(Class<?> enumType, String value) {
        String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        if (Arrays.stream(enumType.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name().equals(wanted))) {
            throw new IllegalArgumentException();
        }
    }

    private static String expected(String key, ProducerKeys.Kind kind, Class<?> enumType) {
        return switch (kind) {
            case CHOICE -> "use " + choices(enumType);
            case WHOLE_NUMBER -> "use a whole number, " + MINIMUMS.getOrDefault(key, 0) + " or more";
            case BOOLEAN -> "use true or false";
            default -> "use a duration such as 500ms, 30s or PT1M";
        };
    }

    /** {@code none, leader or all}: the constants as configuration spells them. */
    private static String choices(Class<?> enumType) {
        String[] names = Arrays.stream(enumType.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-')).toArray(String[]::new);
        return names.length == 1 ? names[0]
                : Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or "
                        + names[names.length - 1];
    }
}
