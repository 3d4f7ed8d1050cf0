package io.quarkiverse.kafkaproducer.deployment;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerBuildTimeConfig;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;

/**
 * The keys of the producers of one type ({@code quarkus.kafka-producer.<type>[."name"].<key>}) and what each accepts,
 * read from the config mapping itself: the producer maps of {@link KafkaProducerRuntimeConfig} and
 * {@link KafkaProducerBuildTimeConfig} (a method per type, named as the type's tag), and the methods of their value
 * interfaces, named as SmallRye names them (kebab case).
 */
final class ProducerKeys {

    /** What a key accepts. */
    enum Kind {
        DURATION,
        WHOLE_NUMBER,
        BOOLEAN,
        /** One constant of an enum. */
        CHOICE,
        TEXT,
        /** A map of sub-keys, such as {@code kafka."<property>"}. */
        MAP
    }

    private final Map<String, Kind> kinds = new HashMap<>();
    private final Map<String, Class<?>> enumTypes = new HashMap<>();

    private ProducerKeys() {
    }

    /** The keys of every producer type that has configuration. */
    static Map<ProducerType, ProducerKeys> byType() {
        Map<ProducerType, ProducerKeys> byType = new EnumMap<>(ProducerType.class);
        for (Class<?> root : new Class<?>[] { KafkaProducerRuntimeConfig.class, KafkaProducerBuildTimeConfig.class }) {
            for (Method method : root.getMethods()) {
                ProducerType type = typeNamed(method.getName());
                if (type == null || Modifier.isStatic(method.getModifiers())
                        || !(method.getGenericReturnType() instanceof ParameterizedType map)
                        || map.getRawType() != Map.class) {
                    continue;
                }
                byType.computeIfAbsent(type, t -> new ProducerKeys()).add((Class<?>) map.getActualTypeArguments()[1]);
            }
        }
        return byType;
    }

    /** What the key accepts, or null if it is no key of these producers. */
    Kind kind(String key) {
        return kinds.get(key);
    }

    /** The enum of a {@link Kind#CHOICE} key. */
    Class<?> enumType(String key) {
        return enumTypes.get(key);
    }

    private void add(Class<?> group) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String key = kebab(method.getName());
            Type type = method.getGenericReturnType();
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
                type = parameterized.getActualTypeArguments()[0];
            }
            Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                    : (Class<?>) type;
            kinds.put(key, kindOf(raw));
            if (raw.isEnum()) {
                enumTypes.put(key, raw);
            }
        }
    }

    private static Kind kindOf(Class<?> type) {
        if (type == Duration.class) {
            return Kind.DURATION;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Kind.WHOLE_NUMBER;
        }
        if (type == Boolean.class || type == boolean.class) {
            return Kind.BOOLEAN;
        }
        if (type.isEnum()) {
            return Kind.CHOICE;
        }
        return Map.class.isAssignableFrom(type) ? Kind.MAP : Kind.TEXT;
    }

    private static ProducerType typeNamed(String method) {
        for (ProducerType type : ProducerType.values()) {
            if (type.tagValue().equals(method)) {
                return type;
            }
        }
        return null;
    }

    /** {@code retryMax} to {@code retry-max}, as SmallRye's default naming strategy does. */
    static String kebab(String name) {
        StringBuilder key = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('-').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
