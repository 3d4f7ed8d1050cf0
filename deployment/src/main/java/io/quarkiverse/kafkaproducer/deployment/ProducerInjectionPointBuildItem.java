package io.quarkiverse.kafkaproducer.deployment;

import org.jboss.jandex.Type;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkus.builder.item.MultiBuildItem;

/**
 * A distinct producer the application injects: its type, its name ({@code <default>} for the unnamed one) and its
 * key and value types. Injection points that agree on all four share one bean.
 */
public final class ProducerInjectionPointBuildItem extends MultiBuildItem {

    private final ProducerType producerType;
    private final String name;
    private final Type keyType;
    private final Type valueType;

    public ProducerInjectionPointBuildItem(ProducerType producerType, String name, Type keyType, Type valueType) {
        this.producerType = producerType;
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
    }

    public ProducerType producerType() {
        return producerType;
    }

    public String name() {
        return name;
    }

    public Type keyType() {
        return keyType;
    }

    public Type valueType() {
        return valueType;
    }
}
