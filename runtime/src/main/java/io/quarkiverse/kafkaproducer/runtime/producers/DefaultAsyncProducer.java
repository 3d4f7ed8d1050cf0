package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;

/**
 * The async face of a {@link ProducerEngine}: serializes in the caller's thread and hands records to the engine
 * without waiting; their outcome goes to the telemetry and the error logger. See {@link AsyncProducer} for the
 * contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DefaultAsyncProducer<K, V> extends AbstractProducer<K, V> implements AsyncProducer<K, V> {

    public DefaultAsyncProducer(ProducerEngine engine, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            boolean containerManaged) {
        super(engine, keySerializer, valueSerializer, containerManaged);
    }

    @Override
    public void sendMessage(ProducerRecord<K, V> record) {
        engine.ensureOpen();
        engine.send(serialize(record));
    }

    @Override
    public void sendMessage(String topic, V value) {
        sendMessage(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), value));
    }

    @Override
    public void sendMessage(String topic, K key, V value) {
        sendMessage(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), key, value));
    }

    @Override
    public void sendMessages(List<ProducerRecord<K, V>> records) {
        engine.ensureOpen();
        for (Object record : serializeAll(records)) {
            engine.send(serialized(record));
        }
    }

    @SuppressWarnings("unchecked")
    private static ProducerRecord<byte[], byte[]> serialized(Object record) {
        return (ProducerRecord<byte[], byte[]>) record;
    }

    @Override
    public void flush() {
        checkBlockingAllowed("flush blocks until the broker answered and");
        engine.flush();
    }
}
