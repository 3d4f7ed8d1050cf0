package io.quarkiverse.kafkaproducer.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.PrimitiveType;
import org.jboss.jandex.Type;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.smallrye.common.annotation.Identifier;

/**
 * Finds the injection points of {@link SyncProducer}, {@link AsyncProducer}, {@link ReactiveProducer} and
 * {@link TransactionalProducer}, and what each declares.
 */
final class ProducerInjectionPoints {

    static final DotName SYNC_PRODUCER = DotName.createSimple(SyncProducer.class);
    static final DotName ASYNC_PRODUCER = DotName.createSimple(AsyncProducer.class);
    static final DotName REACTIVE_PRODUCER = DotName.createSimple(ReactiveProducer.class);
    static final DotName TRANSACTIONAL_PRODUCER = DotName.createSimple(TransactionalProducer.class);
    static final DotName IDENTIFIER = DotName.createSimple(Identifier.class);

    /**
     * One injection point of a producer.
     *
     * @param keyType empty when the injection point has no type arguments, or a wildcard or type variable
     * @param location where it is, for error messages ({@code com.acme.Orders#producer})
     */
    record Found(ProducerType producerType, String name, Type beanType, Optional<Type> keyType,
            Optional<Type> valueType, String location) {
    }

    private ProducerInjectionPoints() {
    }

    static List<Found> find(Collection<InjectionPointInfo> injectionPoints) {
        List<Found> found = new ArrayList<>();
        for (InjectionPointInfo injectionPoint : injectionPoints) {
            Type required = injectionPoint.getRequiredType();
            ProducerType producerType = producerType(required.name());
            if (producerType == null) {
                continue;
            }
            Optional<Type> keyType = Optional.empty();
            Optional<Type> valueType = Optional.empty();
            if (required.kind() == Type.Kind.PARAMETERIZED_TYPE) {
                List<Type> arguments = required.asParameterizedType().arguments();
                keyType = concrete(arguments.get(0));
                valueType = concrete(arguments.get(1));
            }
            found.add(new Found(producerType, producerName(injectionPoint), required, keyType, valueType,
                    injectionPoint.getTargetInfo()));
        }
        return found;
    }

    /** The name Java source gives the type: {@code byte[]}, {@code java.lang.String}, ... */
    static String typeName(Type type) {
        if (isByteArray(type)) {
            return "byte[]";
        }
        return type.name().toString();
    }

    static boolean isByteArray(Type type) {
        return type.kind() == Type.Kind.ARRAY && type.asArrayType().constituent().equals(PrimitiveType.BYTE)
                && type.asArrayType().dimensions() == 1;
    }

    /** {@code SyncProducer}, {@code AsyncProducer}, ...: the interface injected for a type. */
    static String interfaceName(ProducerType type) {
        return switch (type) {
            case SYNC -> SyncProducer.class.getSimpleName();
            case ASYNC -> AsyncProducer.class.getSimpleName();
            case REACTIVE -> ReactiveProducer.class.getSimpleName();
            case TRANSACTIONAL -> TransactionalProducer.class.getSimpleName();
        };
    }

    static String displayName(String name) {
        return KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(name) ? "default" : "'" + name + "'";
    }

    private static Optional<Type> concrete(Type type) {
        return switch (type.kind()) {
            case CLASS, PARAMETERIZED_TYPE, ARRAY -> Optional.of(type);
            default -> Optional.empty();
        };
    }

    private static ProducerType producerType(DotName name) {
        if (SYNC_PRODUCER.equals(name)) {
            return ProducerType.SYNC;
        }
        if (ASYNC_PRODUCER.equals(name)) {
            return ProducerType.ASYNC;
        }
        if (REACTIVE_PRODUCER.equals(name)) {
            return ProducerType.REACTIVE;
        }
        if (TRANSACTIONAL_PRODUCER.equals(name)) {
            return ProducerType.TRANSACTIONAL;
        }
        return null;
    }

    private static String producerName(InjectionPointInfo injectionPoint) {
        for (AnnotationInstance qualifier : injectionPoint.getRequiredQualifiers()) {
            if (IDENTIFIER.equals(qualifier.name())) {
                return qualifier.value().asString();
            }
        }
        return KafkaProducerRuntimeConfig.DEFAULT_PRODUCER;
    }
}
