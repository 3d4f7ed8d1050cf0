package io.quarkiverse.kafkaproducer.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;

/**
 * The serializers of one producer. Unset, they follow the key and value types of the injection point: Kafka's own
 * serializer for {@code byte[]}, {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Float},
 * {@code Short}, {@code UUID}, {@code ByteBuffer} and {@code Bytes}, JSON (Jackson) for any other class.
 */
public interface SerializerConfig {

    /**
     * The class of the key serializer, an implementation of {@code org.apache.kafka.common.serialization.Serializer}
     * with a public no-argument constructor. Unlike the other keys, it is not inherited from the default producer:
     * a serializer belongs to the types of the injection point.
     */
    @ConfigDocDefault("chosen from the key type")
    Optional<String> keySerializer();

    /**
     * The class of the value serializer. Not inherited from the default producer either.
     */
    @ConfigDocDefault("chosen from the value type")
    Optional<String> valueSerializer();
}
