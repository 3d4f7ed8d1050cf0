package io.quarkiverse.kafkaproducer.deployment;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.runtime.cdi.SerializerFactory;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerBuildTimeConfig;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkiverse.kafkaproducer.runtime.config.SerializerConfig;

/**
 * Chooses the key and value serializers of an injected producer, and fails the build, naming the injection point and
 * the key, when no serializer can be chosen or the configured one cannot handle the declared type.
 */
final class SerializerSelection {

    private final KafkaProducerBuildTimeConfig config;
    private final ClassLoader classLoader;

    SerializerSelection(KafkaProducerBuildTimeConfig config, ClassLoader classLoader) {
        this.config = config;
        this.classLoader = classLoader;
    }

    /** @return a serializer class name, or {@link SerializerFactory#JSON} */
    String select(ProducerInjectionPoints.Found producer, boolean isKey) {
        String role = isKey ? "key" : "value";
        Optional<org.jboss.jandex.Type> declared = isKey ? producer.keyType() : producer.valueType();
        Optional<String> configured = configured(producer, isKey);
        if (configured.isPresent()) {
            checkHandles(configured.get(), declared, producer, role);
            return configured.get();
        }
        if (declared.isEmpty()) {
            throw new DeploymentException(String.format(
                    "The %s producer %s injected at %s declares no %s type, and no %s serializer is configured: "
                            + "declare the types, as in %s<String, String>, or set %s",
                    type(producer), ProducerInjectionPoints.displayName(producer.name()), producer.location(), role, role,
                    producer.beanType().name().withoutPackagePrefix(), key(producer, role)));
        }
        org.jboss.jandex.Type type = declared.get();
        if (type.kind() == org.jboss.jandex.Type.Kind.ARRAY && !ProducerInjectionPoints.isByteArray(type)) {
            throw new DeploymentException(String.format(
                    "The %s type %s of the %s producer injected at %s has no serializer: use byte[], a class, or set %s",
                    role, type, type(producer), producer.location(), key(producer, role)));
        }
        return SerializerFactory.serializerFor(ProducerInjectionPoints.typeName(type));
    }

    private Optional<String> configured(ProducerInjectionPoints.Found producer, boolean isKey) {
        Map<String, SerializerConfig> producers = switch (producer.producerType()) {
            case SYNC -> config.sync();
            case ASYNC -> config.async();
            case REACTIVE -> config.reactive();
            case TRANSACTIONAL -> config.transactional();
        };
        return Optional.ofNullable(producers.get(producer.name()))
                .flatMap(c -> isKey ? c.keySerializer() : c.valueSerializer());
    }

    private void checkHandles(String serializerClass, Optional<org.jboss.jandex.Type> declared,
            ProducerInjectionPoints.Found producer, String role) {
        Class<?> serializer = load(serializerClass);
        if (serializer == null || !Serializer.class.isAssignableFrom(serializer)) {
            throw new DeploymentException(String.format("%s=%s: %s", key(producer, role), serializerClass,
                    serializer == null ? "no such class" : "not an org.apache.kafka.common.serialization.Serializer"));
        }
        if (declared.isEmpty()) {
            return;
        }
        Class<?> handled = handledType(serializer);
        Class<?> declaredClass = ProducerInjectionPoints.isByteArray(declared.get()) ? byte[].class
                : load(declared.get().name().toString());
        if (handled != null && declaredClass != null && !handled.isAssignableFrom(declaredClass)) {
            throw new DeploymentException(String.format(
                    "%s=%s serializes %s, but the %s producer injected at %s declares the %s type %s",
                    key(producer, role), serializerClass, handled.getTypeName(), type(producer), producer.location(),
                    role, declaredClass.getTypeName()));
        }
    }

    /** The T of {@code Serializer<T>} that the class implements, if it names a class; null when unknown. */
    static Class<?> handledType(Class<?> serializer) {
        for (Class<?> c = serializer; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == Serializer.class) {
                    Type argument = parameterized.getActualTypeArguments()[0];
                    if (argument instanceof Class<?> handled) {
                        return handled;
                    }
                    if (argument instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                    return null;
                }
            }
        }
        return null;
    }

    private Class<?> load(String className) {
        try {
            return Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static String key(ProducerInjectionPoints.Found producer, String role) {
        String prefix = "quarkus.kafka-producer." + type(producer);
        String name = KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(producer.name()) ? ""
                : ".\"" + producer.name() + "\"";
        return prefix + name + "." + role + "-serializer";
    }

    private static String type(ProducerInjectionPoints.Found producer) {
        return producer.producerType().tagValue();
    }
}
