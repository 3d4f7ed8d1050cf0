package io.quarkiverse.kafkaproducer;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Non-blocking delivery: calls return at once; failures go to the {@link ProducerErrorLogger}.
 * <p>
 * <b>Never blocks on the broker.</b> The send methods do not wait for metadata, for buffer space or for the broker,
 * whatever the cluster's state, so they may be called on a Vert.x event loop. A record the Kafka client cannot take
 * at once (first use of a topic, broker down, buffer full) waits in a bounded queue of the producer
 * ({@code queue-size}, default 100,000 records of one topic and at most 32 MiB of them, twice that for all topics
 * together) and enters the
 * client as soon as it can, keeping its order within its topic. When that queue is full, the {@code overflow-policy}
 * applies: {@code fail} (default) reports the record to the {@link ProducerErrorLogger} at once; {@code block} makes
 * the caller wait up to {@code overflow-timeout} for room, then reports it, except on a Vert.x event loop, where it
 * never waits and reports the record at once. The only blocking call is {@link #flush()} (and {@link #close()}).
 * <p>
 * <b>Outcome of every record.</b> Each record handed over ends in exactly one of: delivered, or reported once to the
 * {@link ProducerErrorLogger} (with topic, partition when known, and the Kafka cause) and to the telemetry with
 * {@code success=false}, within {@code delivery-timeout} (default 120 s) of the send call: a record waits at most a
 * third of it in the producer, and the Kafka client's own {@code delivery.timeout.ms} is the rest. A record for a
 * partition the topic does not have is reported at once, once the client knows the topic's partitions.
 * <p>
 * <b>Ordering.</b> Records sent by one thread to one partition are stored in the order sent when the producer is
 * idempotent (the default).
 * <p>
 * <b>Thread-safety.</b> Thread-safe.
 * <p>
 * <b>Failures thrown.</b> Only programming errors throw, at once: a null record, topic or list, an illegal topic name,
 * a key or value the serializer rejects ({@link ProducerException}), a closed producer. A list with such a record is
 * refused whole: nothing of it is sent.
 * <p>
 * <b>Closing.</b> An injected producer is closed by the container at shutdown; its {@link #close()} throws
 * {@link IllegalStateException}. A producer from {@link KafkaProducers} is closed by its owner.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface AsyncProducer<K, V> extends AutoCloseable {

    /**
     * Hands a record over and returns at once (with overflow policy {@code block} and a full queue, after at most
     * {@code overflow-timeout}).
     *
     * @throws ProducerException the key or value was rejected by the serializer (nothing was sent)
     * @throws NullPointerException the record or its topic is null
     * @throws IllegalArgumentException the topic name is empty or illegal
     * @throws IllegalStateException the producer is closed
     */
    void sendMessage(ProducerRecord<K, V> record);

    /** Hands over a value without key. Same behaviour as {@link #sendMessage(ProducerRecord)}. */
    void sendMessage(String topic, V value);

    /** Hands over a keyed value. Same behaviour as {@link #sendMessage(ProducerRecord)}. */
    void sendMessage(String topic, K key, V value);

    /**
     * Validates and serializes every record first (an invalid one throws and nothing is sent), then hands all of them
     * over in list order. Returns without waiting, as {@link #sendMessage(ProducerRecord)}.
     *
     * @throws NullPointerException the list, one of its records or a topic is null (the message names the index)
     */
    void sendMessages(List<ProducerRecord<K, V>> records);

    /**
     * Blocks until every record handed over before this call is delivered or reported failed, including records
     * waiting in the producer's queue. Records handed over by other threads during the call may or may not be
     * included. Returns within {@code delivery-timeout}, by which every record has settled. Throws
     * {@link io.quarkus.runtime.BlockingOperationNotAllowedException} on a Vert.x event loop.
     *
     * @throws IllegalStateException the producer is closed
     */
    void flush();

    /** The producer's name: {@code default}, the {@code @Identifier} name, or the factory's {@code withName}. */
    String name();

    /**
     * Closes a producer made by {@link KafkaProducers}: refuses new records, gives the records handed over so far up to
     * the close timeout (default 30 s) to be delivered, then closes the Kafka client. Whatever is still undelivered
     * then is reported to the {@link ProducerErrorLogger}, one entry per record: nothing is dropped silently. Blocks up
     * to the close timeout. Calling it again does nothing.
     *
     * @throws IllegalStateException on an injected producer: the container closes it
     */
    @Override
    void close();
}
