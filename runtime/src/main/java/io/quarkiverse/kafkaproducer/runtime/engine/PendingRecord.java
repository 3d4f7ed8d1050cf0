package io.quarkiverse.kafkaproducer.runtime.engine;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * A record handed to the engine whose outcome someone waits for. It settles exactly once; once
 * {@link #isSettled()} is true, {@link #metadata()} and {@link #error()} are final and exactly one of them is non-null.
 * Thread-safe.
 */
public interface PendingRecord {

    /**
     * Waits until the record settled. Only the thread that sent it with {@link ProducerEngine#sendAwaited} is woken by
     * its settling; a record sent with a {@link SettleListener} tells the listener instead.
     *
     * @throws InterruptedException the thread was interrupted while waiting (the interrupt flag is cleared)
     */
    void await() throws InterruptedException;

    /**
     * Like {@link #await()}, up to a deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return whether it settled
     */
    boolean await(long deadlineNanos) throws InterruptedException;

    /** Whether the outcome is known. */
    boolean isSettled();

    /** Where the broker stored the record; null unless delivered. */
    RecordMetadata metadata();

    /** Why the record failed; null unless failed. */
    ProducerException error();
}
