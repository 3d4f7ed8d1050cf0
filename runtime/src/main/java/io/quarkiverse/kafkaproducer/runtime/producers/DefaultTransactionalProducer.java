package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.Transaction;
import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.engine.BlockingGuard;
import io.quarkiverse.kafkaproducer.runtime.transactions.OpenTransaction;
import io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine;

/**
 * The face of a {@link TransactionalEngine}: serializes in the caller's thread and hands serialized records to the
 * transaction its work runs in. See {@link TransactionalProducer} for the contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DefaultTransactionalProducer<K, V> implements TransactionalProducer<K, V> {

    private static final String BLOCKS = "inTransaction waits for a free client and for the commit, and";

    private final TransactionalEngine engine;
    private final RecordSerializer<K, V> serializer;
    private final boolean containerManaged;

    /**
     * @param keySerializer configured already; the engine closes it when it closes
     * @param containerManaged true for injected producers, whose {@link #close()} throws
     */
    public DefaultTransactionalProducer(TransactionalEngine engine, Serializer<K> keySerializer,
            Serializer<V> valueSerializer, boolean containerManaged) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.serializer = new RecordSerializer<>(engine.name(), ProducerType.TRANSACTIONAL, keySerializer,
                valueSerializer);
        this.containerManaged = containerManaged;
        engine.closeWith(keySerializer);
        engine.closeWith(valueSerializer);
    }

    @Override
    public <T> T inTransaction(Function<Transaction<K, V>, T> work) {
        Objects.requireNonNull(work, "work");
        BlockingGuard.checkBlockingAllowed(engine.description(), BLOCKS);
        return engine.inTransaction(open -> work.apply(new SerializingTransaction<>(open, serializer)));
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public void close() {
        AbstractProducer.refuseIfInjected(containerManaged, engine.description());
        engine.close();
    }

    @Override
    public String toString() {
        return engine.description() + ", transactional.id prefix '" + engine.transactionalIdPrefix() + "'";
    }

    /** The {@link Transaction} a work is given: checks that it may be used, serializes, and hands the record on. */
    private record SerializingTransaction<K, V>(OpenTransaction open,
            RecordSerializer<K, V> serializer) implements Transaction<K, V> {

        @Override
        public void send(ProducerRecord<K, V> record) {
            open.checkUsable();
            open.send(serializer.serialize(record, "record"));
        }

        @Override
        public void send(String topic, V value) {
            open.checkUsable();
            send(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), value));
        }

        @Override
        public void send(String topic, K key, V value) {
            open.checkUsable();
            send(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), key, value));
        }

        @Override
        public void sendOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
            open.sendOffsets(offsets, group);
        }
    }
}
