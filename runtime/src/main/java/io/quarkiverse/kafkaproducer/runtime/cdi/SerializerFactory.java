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
 * Makes the serializers the deployment module chose for an injection point: Kafka's own serializer for the types it
 * has one for, JSON through the application's {@link ObjectMapper} for every other class, or the class configured
 * with {@code key-serializer} / {@code value-serializer}.
 */
public final class SerializerFactory {

    /** Stands for JSON through the application's {@link ObjectMapper}. */
    public static final String JSON = "json";

    private static final Map<String, Class<? extends Serializer<?>>> BY_TYPE = Map.ofEntries(
            Map.entry("byte[]", ByteArraySerializer.class),
            Map.entry(String.class.getName(), StringSerializer.class),
            Map.entry(Integer.class.getName(), IntegerSerializer.class),
            Map.entry(Long.class.getName(), LongSerializer.class),
            Map.entry(Double.class.getName(), DoubleSerializer.class),
            Map.entry(Float.class.getName(), FloatSerializer.class),
            Map.entry(Short.class.getName(), ShortSerializer.class),
            Map.entry(java.util.UUID.class.getName(), UUIDSerializer.class),
            Map.entry(java.nio.ByteBuffer.class.getName(), ByteBufferSerializer.class),
            Map.entry(org.apache.kafka.common.utils.Bytes.class.getName(), BytesSerializer.class));

    // Constructors without reflection for Kafka's own serializers.
    private static final Map<String, Supplier<Serializer<?>>> BUILT_IN = Map.ofEntries(
            Map.entry(ByteArraySerializer.class.getName(), ByteArraySerializer::new),
            Map.entry(StringSerializer.class.getName(), StringSerializer::new),
            Map.entry(IntegerSerializer.class.getName(), IntegerSerializer::new),
            Map.entry(LongSerializer.class.getName(), LongSerializer::new),
            Map.entry(DoubleSerializer.class.getName(), DoubleSerializer::new),
            Map.entry(FloatSerializer.class.getName(), FloatSerializer::new),
            Map.entry(ShortSerializer.class.getName(), ShortSerializer::new),
            Map.entry(UUIDSerializer.class.getName(), UUIDSerializer::new),
            Map.entry(ByteBufferSerializer.class.getName(), ByteBufferSerializer::new),
            Map.entry(BytesSerializer.class.getName(), BytesSerializer::new));

    private final Supplier<ObjectMapper> objectMapper;

    public SerializerFactory(Supplier<ObjectMapper> objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * The serializer for a key or value type, as Java source names it ({@code byte[]}, {@code java.lang.String}):
     * the class name of Kafka's serializer for it, or {@link #JSON}.
     */
    public static String serializerFor(String typeName) {
        Class<? extends Serializer<?>> serializer = BY_TYPE.get(typeName);
        return serializer != null ? serializer.getName() : JSON;
    }

    /**
     * @param serializer a serializer class name, or {@link #JSON}
     * @param configs the producer's Kafka configuration, passed to {@link Serializer#configure(Map, boolean)}
     * @throws IllegalArgumentException the class cannot be loaded or instantiated
     */
    @SuppressWarnings("unchecked")
    public <T> Serializer<T> create(String serializer, boolean isKey, Map<String, ?> configs) {
        Serializer<T> instance;
        if (JSON.equals(serializer)) {
            instance = new ObjectMapperSerializer<>(objectMapper.get());
        } else if (BUILT_IN.containsKey(serializer)) {
            instance = (Serializer<T>) BUILT_IN.get(serializer).get();
        } else {
            instance = (Serializer<T>) instantiate(serializer, isKey);
        }
        instance.configure(configs, isKey);
        return instance;
    }

    private static Object instantiate(String className, boolean isKey) {
        try {
            return Class.forName(className, true, Thread.currentThread().getContextClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("Cannot create the " + (isKey ? "key" : "value") + " serializer "
                    + className + ": it needs a public no-argument constructor", e);
        }
    }
}
