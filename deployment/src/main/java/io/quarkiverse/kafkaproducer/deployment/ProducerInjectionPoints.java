package io.quarkiverse.kafkaproducer.deployment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.PrimitiveType;
import org.jboss.jandex.Type;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads the producers an application needs from its injection points of {@link SyncProducer} and
 * {@link AsyncProducer}.
 */
final class ProducerInjectionPoints {

    static final DotName SYNC_PRODUCER = DotName.createSimple(SyncProducer.class);
    static final DotName ASYNC_PRODUCER = DotName.createSimple(AsyncProducer.class);
    static final DotName IDENTIFIER = DotName.createSimple(Identifier.class);

    private ProducerInjectionPoints() {
    }

    /** The distinct producers behind the given injection points; other injection points are ignored. */
    static List<ProducerInjectionPointBuildItem> collect(Collection<InjectionPointInfo> injectionPoints) {
        Map<String, ProducerInjectionPointBuildItem> distinct = new LinkedHashMap<>();
        for (InjectionPointInfo injectionPoint : injectionPoints) {
            Type required = injectionPoint.getRequiredType();
            ProducerType producerType = producerType(required.name());
            if (producerType == null) {
                continue;
            }
            if (required.kind() != Type.Kind.PARAMETERIZED_TYPE) {
                throw new DeploymentException(String.format(
                        "%s is injected without type arguments at %s: declare the key and value types, for example %s<String, String>",
                        required.name().withoutPackagePrefix(), injectionPoint.getTargetInfo(),
                        required.name().withoutPackagePrefix()));
            }
            List<Type> arguments = required.asParameterizedType().arguments();
            Type keyType = checkSerializable(arguments.get(0), "key", injectionPoint);
            Type valueType = checkSerializable(arguments.get(1), "value", injectionPoint);
            String name = producerName(injectionPoint);
            ProducerInjectionPointBuildItem item = new ProducerInjectionPointBuildItem(producerType, name, keyType, valueType);
            distinct.putIfAbsent(producerType + "/" + name + "/" + keyType + "/" + valueType, item);
        }
        return List.copyOf(distinct.values());
    }

    /** The name Java source gives the type, which is what the runtime's serializer choice reads. */
    static String typeName(Type type) {
        if (type.kind() == Type.Kind.ARRAY && type.asArrayType().constituent().equals(PrimitiveType.BYTE)
                && type.asArrayType().dimensions() == 1) {
            return "byte[]";
        }
        return type.name().toString();
    }

    private static ProducerType producerType(DotName name) {
        if (SYNC_PRODUCER.equals(name)) {
            return ProducerType.SYNC;
        }
        if (ASYNC_PRODUCER.equals(name)) {
            return ProducerType.ASYNC;
        }
        return null;
    }

    private static Type checkSerializable(Type type, String role, InjectionPointInfo injectionPoint) {
        switch (type.kind()) {
            case CLASS, PARAMETERIZED_TYPE:
                return type;
            case ARRAY:
                if ("byte[]".equals(typeName(type))) {
                    return type;
                }
                break;
            default:
                break;
        }
        throw new DeploymentException(String.format(
                "The %s type %s of the producer injected at %s cannot be serialized: use a class such as String, byte[], Long or a JSON-mapped class",
                role, type, injectionPoint.getTargetInfo()));
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
