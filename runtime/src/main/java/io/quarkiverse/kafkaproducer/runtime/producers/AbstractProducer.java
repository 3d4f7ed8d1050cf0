package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.runtime.engine.BlockingGuard;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;

/**
 * What every face of the engine shares: its engine and serializers, its name, and how it is closed. A face
 * serializes in the caller's thread and hands byte records to the engine; each subclass adds how the caller learns
 * the outcome.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public abstract class AbstractProducer<K, V> {

    protected final ProducerEngine engine;
    private final RecordSerializer<K, V> serializer;
    private final boolean containerManaged;

    /**
     * @param keySerializer configured already; the engine closes it when it closes
     * @param containerManaged true for injected producers: the container closes the engine, and {@link #close()}
     *        throws; false for producers made by the factory, whose {@link #close()} closes the engine
     */
    protected AbstractProducer(ProducerEngine engine, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            boolean containerManaged) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.serializer = new RecordSerializer<>(engine.name(), engine.type(), keySerializer, valueSerializer);
        this.containerManaged = containerManaged;
        engine.closeWith(keySerializer);
        engine.closeWith(valueSerializer);
    }

    /** Validates and serializes one record; see {@link RecordSerializer#serialize}. */
    protected final ProducerRecord<byte[], byte[]> serialize(ProducerRecord<K, V> record) {
        return serializer.serialize(record, "record");
    }

    /**
     * Validates and serializes every record of a list before any is sent, so that bad input sends nothing.
     *
     * @return the serialized records ({@code ProducerRecord<byte[], byte[]>}), in an array of objects that the caller
     *         may reuse for what follows each record (see {@link SyncBatch})
     * @throws NullPointerException the list, one of its records or a topic is null (the message names the index)
     */
    protected final Object[] serializeAll(List<ProducerRecord<K, V>> records) {
        Objects.requireNonNull(records, "records");
        Object[] serialized = new Object[records.size()];
        for (int i = 0; i < serialized.length; i++) {
            serialized[i] = serializer.serialize(records.get(i), "records[" + i + "]");
        }
        return serialized;
    }

    /** @throws BlockingOperationNotAllowedException on a Vert.x event loop, naming what blocks and what to do */
    protected final void checkBlockingAllowed(String what) {
        BlockingGuard.checkBlockingAllowed(engine.description(), what);
    }

    /** The producer's name: {@code default}, the {@code @Identifier} name, or the factory's {@code withName}. */
    public String name() {
        return engine.name();
    }

    /** @throws IllegalStateException on an injected producer */
    public void close() {
        refuseIfInjected(containerManaged, engine.description());
        engine.close();
    }

    /** @throws IllegalStateException if the producer is injected: the container closes it */
    static void refuseIfInjected(boolean containerManaged, String description) {
        if (containerManaged) {
            throw new IllegalStateException(description + " is injected and closed by the container; do not close it");
        }
    }

    @Override
    public String toString() {
        return engine.description() + ", client id '" + engine.clientId() + "'";
    }
}
