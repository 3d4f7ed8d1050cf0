package io.quarkiverse.kafkaproducer;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Non-blocking delivery with a result: every send returns a lazy {@link Uni} of the record's {@link DeliveryReport},
 * for code on a Vert.x event loop (RESTEasy Reactive endpoints, Mutiny pipelines).
 * <p>
 * <b>Lazy.</b> Nothing is sent until the {@code Uni} (or {@code Multi}) is subscribed; each subscription sends the
 * record once more. A {@code Uni} that is never subscribed sends nothing.
 * <p>
 * <b>Never blocks</b> the subscribing thread, whatever the cluster's state: a record the Kafka client cannot take at
 * once waits in the producer's bounded queue, as with {@link AsyncProducer}, and a record that does not fit fails its
 * {@code Uni} at once with a {@link ProducerException} whose cause is a {@code BufferExhaustedException}.
 * <p>
 * <b>Threads.</b> Subscribed on a Vert.x context (an endpoint, a verticle, a pipeline started there), the result is
 * delivered on that same context, so that the code after it runs on its own event loop with its request-scoped state.
 * Subscribed elsewhere, it is delivered on the Kafka client's network thread, which serves every record of the
 * producer: move heavy continuations elsewhere with {@code emitOn}.
 * <p>
 * <b>Failures.</b> A record the broker or the client refused fails its {@code Uni} with {@link ProducerException}
 * (never carrying the value), and is also reported once to the {@link ProducerErrorLogger}. Invalid arguments (a null
 * record, topic or list, a value the serializer rejects) and a closed producer fail the {@code Uni} when it is
 * subscribed, with nothing sent; the methods themselves never throw. Cancelling a subscription while its record
 * still waits in the producer's queue (no metadata for its topic yet, the client's buffer full) takes the record back
 * unsent; once the record entered the Kafka client, cancelling drops only the result, and the record still settles
 * (telemetry, error logger).
 * <p>
 * Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ReactiveProducer<K, V> extends AutoCloseable {

    /**
     * A lazy {@code Uni} that sends the record when subscribed and completes with where the broker stored it.
     *
     * @return fails with {@link ProducerException} if the record was not delivered
     */
    Uni<DeliveryReport> sendMessage(ProducerRecord<K, V> record);

    /** Like {@link #sendMessage(ProducerRecord)}, for a record without key. */
    Uni<DeliveryReport> sendMessage(String topic, V value);

    /** Like {@link #sendMessage(ProducerRecord)}. */
    Uni<DeliveryReport> sendMessage(String topic, K key, V value);

    /**
     * A lazy {@code Uni} that sends every record of the list when subscribed, without waiting in between, and
     * completes once all settled. A list with an invalid record fails at subscription with nothing sent.
     *
     * @return the reports in input order; fails with {@link ProducerErrors}, listing every failure and every success
     *         by index, if one or more records failed
     */
    Uni<List<DeliveryReport>> sendMessages(List<ProducerRecord<K, V>> records);

    /**
     * Sends the records of a stream as they come, with at most {@code max-in-flight} of them sent and not yet reported
     * at once (default 1,024): the upstream is asked for more as reports are taken, so a stream of any length is
     * sent in bounded memory.
     *
     * @return one report per record, in input order; the first record that failed fails the stream with its
     *         {@link ProducerException}, after the reports of the records before it, and cancels the upstream.
     *         An upstream failure fails the stream after the records before it settled.
     */
    Multi<DeliveryReport> sendMessages(Multi<ProducerRecord<K, V>> records);

    /** The producer's name: {@code default}, the {@code @Identifier} name, or the factory's {@code withName}. */
    String name();

    /**
     * Closes a producer made by {@link KafkaProducers}: refuses new records, gives pending ones the close timeout,
     * then fails what is left; blocks meanwhile.
     *
     * @throws IllegalStateException on an injected producer, which the container closes
     */
    @Override
    void close();
}
