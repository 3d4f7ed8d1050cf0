package io.quarkiverse.kafkaproducer;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Blocking delivery: each call returns once the broker acknowledged, per the configured {@code required-acks}
 * (default {@code all}: every in-sync replica has the record).
 * <p>
 * <b>Ordering.</b> Records sent by one thread to one partition are stored in the order sent, across retries and
 * broker restarts, without duplicates: the producer is idempotent by default, and where the configuration rules
 * idempotence out ({@code required-acks} {@code none} or {@code leader}, {@code retry-max=0}) it allows a single
 * request in flight per broker instead.
 * <p>
 * <b>Blocking.</b> Every send method blocks the calling thread until the record settles, and returns its outcome:
 * where the broker stored it, or the Kafka client's cause. That takes at most the producer's {@code delivery-timeout}
 * (default 120 s), waiting in the producer included, unless a shorter {@code timeout} is given. A record for a topic
 * without metadata yet, or while the client's buffer is full, waits in the producer for up to a third of
 * {@code delivery-timeout}; the Kafka client's own {@code delivery.timeout.ms} is the rest. They never block on a
 * Vert.x event loop: called there, they throw {@link io.quarkus.runtime.BlockingOperationNotAllowedException} at
 * once; call them from a worker thread ({@code @Blocking}) or a virtual thread ({@code @RunOnVirtualThread}).
 * <p>
 * <b>Thread-safety.</b> Thread-safe; many threads may send at once, and their records share requests to the broker.
 * <p>
 * <b>Failures.</b> A record the client or the broker refuses throws {@link ProducerException} with the Kafka
 * exception as its cause, and is also reported once to the {@link ProducerErrorLogger}. Invalid arguments (a null
 * record, topic or list, an illegal topic name, a key or value the serializer rejects) throw at once and send nothing.
 * <p>
 * <b>Closing.</b> An injected producer is closed by the container at shutdown; its {@link #close()} throws
 * {@link IllegalStateException}. A producer from {@link KafkaProducers} is closed by its owner. After close, every
 * send method throws {@link IllegalStateException}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface SyncProducer<K, V> extends AutoCloseable {

    /**
     * Sends one record and waits for the broker's acknowledgement, or for the Kafka client's cause of failure: at
     * most {@code delivery-timeout}.
     *
     * @param record the record; its topic must be a legal Kafka topic name
     * @return where the broker stored the record
     * @throws ProducerException the record was not delivered (cause: the Kafka exception), or its key or value was
     *         rejected by the serializer (nothing was sent)
     * @throws NullPointerException the record or its topic is null
     * @throws IllegalArgumentException the topic name is empty or illegal
     * @throws IllegalStateException the producer is closed
     * @throws io.quarkus.runtime.BlockingOperationNotAllowedException called on a Vert.x event loop
     */
    DeliveryReport sendMessage(ProducerRecord<K, V> record);

    /**
     * Sends one record and waits at most {@code timeout} for the broker's acknowledgement.
     * <p>
     * If {@code timeout} ends first, this throws {@link ProducerException} whose cause is a Kafka
     * {@link org.apache.kafka.common.errors.TimeoutException}; the record stays with the producer and may still be
     * delivered later (its final outcome goes to the {@link ProducerErrorLogger} and the telemetry), so sending it
     * again may store it twice. A timeout longer than {@code delivery-timeout} changes nothing: the record has
     * settled by then.
     *
     * @param timeout the longest wait; zero or positive
     * @throws ProducerException as {@link #sendMessage(ProducerRecord)}, or when {@code timeout} ended first
     * @throws NullPointerException the record, its topic or the timeout is null
     * @throws IllegalArgumentException the topic name is illegal or the timeout is negative
     * @throws IllegalStateException the producer is closed
     * @throws io.quarkus.runtime.BlockingOperationNotAllowedException called on a Vert.x event loop
     */
    DeliveryReport sendMessage(ProducerRecord<K, V> record, Duration timeout);

    /**
     * Sends a value without key (the client spreads such records over the partitions) and waits for the
     * acknowledgement. Same blocking and exceptions as {@link #sendMessage(ProducerRecord)}.
     */
    DeliveryReport sendMessage(String topic, V value);

    /**
     * Sends a keyed value (records with the same key go to the same partition) and waits for the acknowledgement.
     * Same blocking and exceptions as {@link #sendMessage(ProducerRecord)}.
     */
    DeliveryReport sendMessage(String topic, K key, V value);

    /**
     * Sends a batch: validates and serializes every record first (an invalid one throws and nothing is sent), then
     * hands all of them to the client without waiting in between (one round trip for the batch, not one per record),
     * then waits until every record has settled, at most {@code delivery-timeout} in all.
     * <p>
     * Records keep the list's order within each partition. A record the client or the broker refuses fails alone; the
     * other records of the batch are still sent. For a record that follows a failed one in the same partition, the
     * Kafka 4.1 client does the following:
     * <ul>
     * <li>A record refused before it reached a request (too large for {@code max.request.size}, for example) does not
     * affect any other record.</li>
     * <li>The broker accepts or refuses whole Kafka batches (the records the client groups per partition): records
     * grouped with a failed one fail with it, with the same cause or, when the broker names the guilty records, with a
     * {@code KafkaException} saying the record was part of a batch with invalid records.</li>
     * <li>Records in later Kafka batches of the partition are still delivered, after the gap: with idempotence the
     * client bumps its producer epoch and rewrites their sequence numbers instead of failing them with
     * {@code OutOfOrderSequenceException}; without idempotence one request at a time is in flight, so nothing
     * overtakes.</li>
     * <li>When the failure is a {@code delivery-timeout} expiry, the later records of the partition usually expire as
     * well: they are younger, but waited in the same queue.</li>
     * </ul>
     * So after {@link ProducerErrors} the delivered records are stored in list order with the failed ones missing;
     * sending the failed ones again stores them after the others.
     *
     * @param records the records, possibly of several topics; an empty list returns an empty list
     * @return the reports, in input order
     * @throws ProducerErrors one or more records failed; it lists every failure and every success by index
     * @throws ProducerException a key or value was rejected by the serializer (nothing was sent)
     * @throws NullPointerException the list, one of its records or a topic is null (the message names the index)
     * @throws IllegalArgumentException a topic name is illegal
     * @throws IllegalStateException the producer is closed
     * @throws io.quarkus.runtime.BlockingOperationNotAllowedException called on a Vert.x event loop
     */
    List<DeliveryReport> sendMessages(List<ProducerRecord<K, V>> records);

    /** The producer's name: {@code default}, the {@code @Identifier} name, or the factory's {@code withName}. */
    String name();

    /**
     * Closes a producer made by {@link KafkaProducers}: refuses new records, waits up to the close timeout (default
     * 30 s) for the records in flight, then closes the Kafka client; records still undelivered then fail (their
     * callers get {@link ProducerException}, and each is reported to the {@link ProducerErrorLogger}). Blocks up to
     * the close timeout. Calling it again does nothing.
     *
     * @throws IllegalStateException on an injected producer: the container closes it
     */
    @Override
    void close();
}
