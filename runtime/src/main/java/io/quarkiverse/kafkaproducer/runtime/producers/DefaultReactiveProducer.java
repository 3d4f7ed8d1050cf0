package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The reactive face of a {@link ProducerEngine}: each send is a lazy {@code Uni} that serializes and hands the record
 * to the engine when subscribed, and completes when it settled. See {@link ReactiveProducer} for the contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DefaultReactiveProducer<K, V> extends AbstractProducer<K, V> implements ReactiveProducer<K, V> {

    public DefaultReactiveProducer(ProducerEngine engine, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            boolean containerManaged) {
        super(engine, keySerializer, valueSerializer, containerManaged);
    }

    @Override
    public Uni<DeliveryReport> sendMessage(ProducerRecord<K, V> record) {
        return new RecordUni(engine, () -> serialize(record));
    }

    @Override
    public Uni<DeliveryReport> sendMessage(String topic, V value) {
        return new RecordUni(engine,
                () -> serialize(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), value)));
    }

    @Override
    public Uni<DeliveryReport> sendMessage(String topic, K key, V value) {
        return new RecordUni(engine,
                () -> serialize(new ProducerRecord<>(Objects.requireNonNull(topic, "topic"), key, value)));
    }

    @Override
    public Uni<List<DeliveryReport>> sendMessages(List<ProducerRecord<K, V>> records) {
        return new BatchUni(engine, () -> serializeAll(records));
    }

    @Override
    public Multi<DeliveryReport> sendMessages(Multi<ProducerRecord<K, V>> records) {
        if (records == null) {
            return Multi.createFrom().failure(new NullPointerException("records"));
        }
        return Multi.createFrom().publisher(new StreamSends<>(engine, records, this::serialize,
                engine.maxInFlight()));
    }
}
