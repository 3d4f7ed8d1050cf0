package io.quarkiverse.kafkaproducer;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One open transaction of a {@link TransactionalProducer}, handed to the {@code work} of
 * {@link TransactionalProducer#inTransaction}.
 * <p>
 * Valid only while that {@code work} runs, and only on the thread that runs it: any method called afterwards, or from
 * another thread, throws {@link IllegalStateException}. Not thread-safe, for that reason.
 * <p>
 * The send methods do not wait for the broker: records settle when the transaction commits. A record the client or the
 * broker refuses does not throw here; it fails the whole transaction, and {@code inTransaction} throws a
 * {@link ProducerException} naming it. A send may wait for the metadata of a topic the producer has not written to yet,
 * up to a third of {@code delivery-timeout}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Transaction<K, V> {

    /**
     * Sends a record in this transaction.
     *
     * @throws NullPointerException the record or its topic is null
     * @throws IllegalArgumentException the topic name is illegal
     * @throws ProducerException the serializer rejected the key or value (nothing was sent; the transaction goes on,
     *         unless {@code work} lets the exception through, which aborts it)
     * @throws IllegalStateException the transaction is over, or this is not the thread that runs it
     */
    void send(ProducerRecord<K, V> record);

    /** Sends a record without key; see {@link #send(ProducerRecord)}. */
    void send(String topic, V value);

    /** Sends a record with a key; see {@link #send(ProducerRecord)}. */
    void send(String topic, K key, V value);

    /**
     * Commits a consumer group's offsets with this transaction: they count only if it commits. For
     * consume-transform-produce, pass the offsets of the next records to read (last processed offset + 1) and the
     * consumer's {@code groupMetadata()}, from a consumer with {@code enable.auto.commit=false} and
     * {@code isolation.level=read_committed}.
     *
     * This waits for the group's coordinator to take the offsets. A failure does not throw here: the transaction will
     * not commit, and {@code inTransaction} throws a {@link ProducerException} naming it.
     *
     * @throws NullPointerException an argument is null
     * @throws IllegalStateException the transaction is over, or this is not the thread that runs it
     */
    void sendOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group);
}
