package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.settings.ClientSettings;

/**
 * Validates and serializes records in the caller's thread, before anything is sent. Doing it here rather than in the
 * Kafka client means that bad input throws to the caller at once, that a whole batch is checked before its first
 * record leaves (nothing half-sent), that the exact size written is known for telemetry, and that one client of byte
 * arrays can serve faces of any key and value types.
 * <p>
 * No message built here contains a key or a value: they may hold personal data.
 * <p>
 * A record whose serializers return its own key and value (byte arrays) is sent as it is, not copied: the copy cost
 * about 100 bytes of heap per record. As with the plain Kafka client, its headers become read-only once it is sent.
 */
final class RecordSerializer<K, V> {

    private final String producerName;
    private final ProducerType producerType;
    private final String description;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    /** The last topic name found valid: producers usually send to a few constant names, so most checks end here. */
    private volatile String validTopic;

    RecordSerializer(String producerName, ProducerType producerType, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        this.producerName = producerName;
        this.producerType = producerType;
        this.description = ClientSettings.describe(producerName, producerType);
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
    }

    /**
     * @param argument how the caller's argument is called in messages: {@code record} or {@code records[3]}
     * @throws NullPointerException the record or its topic is null
     * @throws IllegalArgumentException the topic name is illegal
     * @throws ProducerException the key or value serializer failed
     */
    ProducerRecord<byte[], byte[]> serialize(ProducerRecord<K, V> record, String argument) {
        Objects.requireNonNull(record, argument);
        String topic = record.topic();
        Objects.requireNonNull(topic, () -> "topic of " + argument);
        validateTopic(topic, argument);
        Headers headers = record.headers();
        byte[] key = serializeKey(topic, headers, record);
        byte[] value = serializeValue(topic, headers, record);
        if (key == record.key() && value == record.value()) {
            @SuppressWarnings("unchecked")
            ProducerRecord<byte[], byte[]> same = (ProducerRecord<byte[], byte[]>) (ProducerRecord<?, ?>) record;
            return same;
        }
        return new ProducerRecord<>(topic, record.partition(), record.timestamp(), key, value, headers);
    }

    private void validateTopic(String topic, String argument) {
        if (topic == validTopic) {
            return;
        }
        try {
            Topic.validate(topic);
            validTopic = topic;
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException(
                    description + ": illegal topic name '" + topic + "' in " + argument + ": " + e.getMessage(),
                    e);
        }
    }

    private byte[] serializeKey(String topic, Headers headers, ProducerRecord<K, V> record) {
        try {
            return keySerializer.serialize(topic, headers, record.key());
        } catch (RuntimeException e) {
            throw serializationFailure("key", topic, record, e);
        }
    }

    private byte[] serializeValue(String topic, Headers headers, ProducerRecord<K, V> record) {
        try {
            return valueSerializer.serialize(topic, headers, record.value());
        } catch (RuntimeException e) {
            throw serializationFailure("value", topic, record, e);
        }
    }

    /**
     * Names the failing part and the serializer's exception class. The serializer's exception is not kept as the cause:
     * its message, and those of its causes, may quote the data (Jackson's do), and a caller that logs the exception
     * would print them. The cause is a {@link SerializationException} with the same class name and stack trace.
     */
    private ProducerException serializationFailure(String part, String topic, ProducerRecord<K, V> record,
            RuntimeException cause) {
        int partition = record.partition() == null ? -1 : record.partition();
        return new ProducerException(description + " could not serialize the " + part + " of a record for "
                + "topic '" + topic + "' (" + cause.getClass().getName() + "); nothing was sent", producerName,
                producerType, topic, partition, withoutMessage(cause));
    }

    private static SerializationException withoutMessage(RuntimeException cause) {
        SerializationException stripped = new SerializationException(cause.getClass().getName()
                + " (its message is left out, as it may quote the record)");
        stripped.setStackTrace(cause.getStackTrace());
        return stripped;
    }
}
