package io.quarkiverse.kafkaproducer;

import java.util.function.Function;

/**
 * Atomic writes: every record sent in one transaction becomes visible to {@code read_committed} consumers together with
 * the others, or none does. With the input's consumer offsets in the same transaction
 * ({@link Transaction#sendOffsets}), consume-transform-produce is exactly-once.
 *
 * <pre>{@code
 * &#64;Inject TransactionalProducer<String, Payment> payments;
 *
 * DeliveredCount count = payments.inTransaction(tx -> {
 *     tx.send("debits", payment.from(), payment);
 *     tx.send("credits", payment.to(), payment);
 *     return ...;
 * });
 * }</pre>
 * <p>
 * <b>Blocking.</b> {@link #inTransaction} blocks: it waits for a free Kafka client, runs {@code work}, then waits for
 * the broker to commit. Called on a Vert.x event loop it throws
 * {@link io.quarkus.runtime.BlockingOperationNotAllowedException} at once; call it from a worker thread
 * ({@code @Blocking}) or a virtual thread ({@code @RunOnVirtualThread}).
 * <p>
 * <b>Concurrency.</b> Thread-safe. Any number of threads may call {@link #inTransaction} at once; each transaction runs
 * on a Kafka client of its own, because Kafka allows one open transaction per {@code transactional.id}. At most
 * {@code pool-size} transactions run at once (default 4); a caller waits up to {@code acquisition-timeout} (default
 * 5 s) for a free client, then gets a {@link ProducerException}.
 * <p>
 * <b>Fencing.</b> The clients' {@code transactional.id}s are {@code transactional-id-prefix} plus a stable index
 * ({@code 0} to {@code pool-size - 1}), so that a restarted application takes over the ids of its earlier instance and
 * fences it: the earlier instance can commit nothing more. Give each replica of a scaled-out application a prefix of
 * its own (for example with the pod's name); two running instances with the same prefix fence each other. A fenced
 * producer starts no further transaction: each call throws a {@link ProducerException} that says so.
 * <p>
 * <b>Closing.</b> An injected producer is closed by the container at shutdown; its {@link #close()} throws
 * {@link IllegalStateException}. A producer from {@link KafkaProducers} is closed by its owner. Close waits up to
 * {@code close-timeout} for running transactions; a transaction cut short by it is aborted.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TransactionalProducer<K, V> extends AutoCloseable {

    /**
     * Runs {@code work} in a new transaction. When {@code work} returns, waits until every record it sent was written,
     * then commits; when {@code work} throws, aborts and rethrows that same exception.
     * <p>
     * The {@link Transaction} handed to {@code work} is valid only while {@code work} runs, and only on this thread.
     *
     * @param work sends the transaction's records; may return a result, which this method returns after the commit
     * @return what {@code work} returned, once the transaction committed
     * @throws ProducerException the transaction was not committed: a record failed (its topic, partition and cause are
     *         named), the commit failed, the producer was fenced by a newer instance with the same
     *         {@code transactional.id}, or no client was free within {@code acquisition-timeout}. Nothing of the
     *         transaction is visible, except when the message says that the commit's outcome is unknown (the commit
     *         timed out or was interrupted): then the transaction may be visible, and running {@code work} again may
     *         write its records twice
     * @throws RuntimeException whatever {@code work} threw, as it was thrown; the transaction was aborted
     * @throws NullPointerException {@code work} is null
     * @throws IllegalStateException the producer is closed, or this thread already runs a transaction of this producer
     * @throws io.quarkus.runtime.BlockingOperationNotAllowedException called on a Vert.x event loop
     * @throws org.apache.kafka.common.errors.InterruptException the thread was interrupted while waiting; the
     *         transaction was not committed, unless the message says its outcome is unknown
     */
    <T> T inTransaction(Function<Transaction<K, V>, T> work);

    /** The producer's name: {@code default}, the {@code @Identifier} name, or the factory's {@code withName}. */
    String name();

    /**
     * Closes a producer made by {@link KafkaProducers}: waits up to {@code close-timeout} for running transactions,
     * then closes its Kafka clients.
     *
     * @throws IllegalStateException on an injected producer, which the container closes
     */
    @Override
    void close();
}
