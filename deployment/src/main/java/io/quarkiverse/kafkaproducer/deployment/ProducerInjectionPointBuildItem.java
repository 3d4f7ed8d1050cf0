package io.quarkiverse.kafkaproducer.deployment;

import java.util.Optional;

import org.jboss.jandex.Type;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkus.builder.item.MultiBuildItem;

/**
 * A distinct producer bean the application injects: its type, its name ({@code <default>} for the unnamed one), the
 * bean type of the injection point, its key and value types when declared, and the serializers chosen for them.
 * Injection points that agree on the bean type and name share one bean; all beans of one name and producer type share
 * one Kafka client.
 */
public final class ProducerInjectionPointBuildItem extends MultiBuildItem {

    private final ProducerType producerType;
    private final String name;
    private final Type beanType;
    private final Optional<Type> keyType;
    private final Optional<Type> valueType;
    private final String keySerializer;
    private final String valueSerializer;

    public ProducerInjectionPointBuildItem(ProducerType producerType, String name, Type beanType,
            Optional<Type> keyType, Optional<Type> valueType, String keySerializer, String valueSerializer) {
        this.producerType = producerType;
        this.name = name;
        this.beanType = beanType;
        this.keyType = keyType;
        this.valueType = valueType;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    public ProducerType producerType() {
        return producerType;
    }

    public String name() {
        return name;
    }

    /** {@code SyncProducer<K, V>} or {@code AsyncProducer<K, V>} as the injection point declares it. */
    public Type beanType() {
        return beanType;
    }

    /** The declared key type; empty for a raw or wildcard injection point. */
    public Optional<Type> keyType() {
        return keyType;
    }

    public Optional<Type> valueType() {
        return valueType;
    }

    /** A serializer class name, or {@code json} for Jackson. */
    public String keySerializer() {
        return keySerializer;
    }

    public String valueSerializer() {
        return valueSerializer;
    }
}
