package io.quarkiverse.kafkaproducer.runtime.cdi;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferSerializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.UUIDSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * Chooses the Kafka serializer for a key or value type of an injection point: Kafka's own serializer for the types it
 * has one for, JSON through the application's {@link ObjectMapper} for every other class.
 */
public final class SerializerFactory {

    private static final Map<String, Supplier<Serializer<?>>> BUILT_IN = Map.ofEntries(
            Map.entry("byte[]", ByteArraySerializer::new),
            Map.entry(String.class.getName(), StringSerializer::new),
            Map.entry(Integer.class.getName(), IntegerSerializer::new),
            Map.entry(Long.class.getName(), LongSerializer::new),
            Map.entry(Double.class.getName(), DoubleSerializer::new),
            Map.entry(Float.class.getName(), FloatSerializer::new),
            Map.entry(Short.class.getName(), ShortSerializer::new),
            Map.entry(java.util.UUID.class.getName(), UUIDSerializer::new),
            Map.entry(java.nio.ByteBuffer.class.getName(), ByteBufferSerializer::new),
            Map.entry(org.apache.kafka.common.utils.Bytes.class.getName(), BytesSerializer::new));

    private final Supplier<ObjectMapper> objectMapper;

    public SerializerFactory(Supplier<ObjectMapper> objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Whether the type is serialized by a Kafka serializer rather than as JSON. */
    public static boolean hasBuiltInSerializer(String typeName) {
        return BUILT_IN.containsKey(typeName);
    }

    /**
     * @param typeName the type's name as Java source writes it ({@code byte[]}, {@code java.lang.String}, ...)
     * @param configs the producer's Kafka configuration, passed to {@link Serializer#configure(Map, boolean)}
     */
    @SuppressWarnings("unchecked")
    public <T> Serializer<T> forType(String typeName, boolean isKey, Map<String, ?> configs) {
        Supplier<Serializer<?>> builtIn = BUILT_IN.get(typeName);
        Serializer<T> serializer = builtIn != null ? (Serializer<T>) builtIn.get()
                : new ObjectMapperSerializer<>(objectMapper.get());
        serializer.configure(configs, isKey);
        return serializer;
    }
}
