package io.quarkiverse.kafkaproducer.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkus.runtime.BlockingOperationNotAllowedException;

/**
 * The async face of a {@link ProducerEngine}: serializes in the caller's thread and hands records to the engine
 * without waiting; their outcome goes to the telemetry and the error logger. See {@link AsyncProducer} for the
 * contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DefaultAsyncProducer<K, V> implements AsyncProducer<K, V> {

    private final ProducerEngine engine;
    private final RecordSerializer<K, V> serializer;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final boolean containerManaged;

    /**
     * @param containerManaged true for injected producers: the container closes the engine, and {@link #close()}
     *        throws; false for producers made by the factory, whose {@link #close()} closes the engine and the
     *        serializers
     */
    public DefaultAsyncProducer(ProducerEngine engine, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            boolean containerManaged) {
        this.engine = engine;
        this.serializer = new RecordSerializer<>(engine, keySerializer, valueSerializer);
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.containerManaged = containerManaged;
    }

    @Override
    public void sendMessage(ProducerRecord<K, V> record) {
        engine.ensureOpen();
        engine.send(serializer.serialize(record, "record"));
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
        Objects.requireNonNull(records, "records");
        engine.ensureOpen();
        // Everything is validated and serialized before the first record leaves: bad input sends nothing.
        List<ProducerRecord<byte[], byte[]>> serialized = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            serialized.add(serializer.serialize(records.get(i), "records[" + i + "]"));
        }
        for (ProducerRecord<byte[], byte[]> record : serialized) {
            engine.send(record);
        }
    }

    @Override
    public void flush() {
        if (!BlockingGuard.isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException(engine.description() + ": flush blocks until the broker "
                    + "answered and must not be called on a Vert.x event loop thread; call it from a worker thread "
                    + "(@Blocking) or a virtual thread (@RunOnVirtualThread)");
        }
        engine.flush();
    }

    @Override
    public String name() {
        return engine.name();
    }

    /** @throws IllegalStateException on an injected producer */
    @Override
    public void close() {
        if (containerManaged) {
            throw new IllegalStateException(engine.description() + " is injected and closed by the container; "
                    + "do not close it");
        }
        engine.close();
        Utils.closeQuietly(keySerializer, "key serializer");
        Utils.closeQuietly(valueSerializer, "value serializer");
    }

    @Override
    public String toString() {
        return engine.description() + ", client id '" + engine.clientId() + "'";
    }
}
