package io.quarkiverse.kafkaproducer.runtime;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * One record on its way through a {@link ProducerEngine}: it is the Kafka callback of the record, and it settles
 * exactly once, as delivered or failed, whichever path the record took (straight into the client, through the
 * {@link ParkingLot}, refused at once, failed at close).
 * <p>
 * Lighter than a {@code CompletableFuture}: an async record has no waiter at all, a sync call waits on a
 * {@link Listener} shared by its whole batch.
 */
final class Delivery implements Callback {

    /** Told once when a delivery settles, after telemetry and error logger saw it. */
    interface Listener {
        void settled(Delivery delivery);
    }

    private static final AtomicIntegerFieldUpdater<Delivery> SETTLED = AtomicIntegerFieldUpdater
            .newUpdater(Delivery.class, "settled");

    /*
     * The record until the Kafka client took it, then null: the client keeps its own copy in its buffer, and the key,
     * value and headers kept here as well would double the memory of the records in flight. Written by the thread that
     * offered it last; read only by threads offering it, which the parking lot's lock orders.
     */
    ProducerRecord<byte[], byte[]> record;
    /** The partition the caller chose, or -1 to let the client choose. */
    final int requestedPartition;
    /*
     * The record's topic, kept here as well: settling a record reads it on the client's network thread, long after the
     * record was created, and every other object touched there is a likely cache miss at hundreds of thousands of
     * records per second.
     */
    private final String topic;
    final int size;
    final long startNanos;
    private final ProducerEngine engine;
    private final Listener listener;

    /*
     * The thread inside producer.send(record, this), or null. With max.block.ms=0 the Kafka client reports what it
     * cannot do at once (no metadata, buffer full, record too large) by calling this callback on that very thread,
     * before send returns; the engine needs that answer back instead of a settled record, to park the record. The
     * client's network thread may read a stale value here, but never its own identity, so the check below is safe
     * without volatile.
     */
    Thread sendingThread;
    boolean answeredInSend;
    RecordMetadata answerMetadata;
    Exception answerException;

    /** The record's span when the producer traces, else null; set before the record is offered to the client. */
    Object span;

    /** Why the client last refused the record; written before parking, then by the lot's retry thread only. */
    Exception lastRefusal;
    /** Whether the record waits in the parking lot; guarded by the parking lot's lock. */
    boolean parked;

    private volatile int settled;
    private RecordMetadata metadata;
    private ProducerException error;

    Delivery(ProducerEngine engine, ProducerRecord<byte[], byte[]> record, int size, Listener listener) {
        this.engine = engine;
        this.record = record;
        this.requestedPartition = record.partition() == null ? -1 : record.partition();
        this.topic = record.topic();
        this.size = size;
        this.listener = listener;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (sendingThread == Thread.currentThread()) {
            answeredInSend = true;
            answerMetadata = metadata;
            answerException = exception;
            return;
        }
        engine.settle(this, metadata, exception);
    }

    /** Claims the right to settle; true exactly once. */
    boolean claim() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    /** Records the outcome and tells the listener; called once, by the claimant. */
    void complete(RecordMetadata metadata, ProducerException error) {
        this.metadata = metadata;
        this.error = error;
        // A release store is enough: readers see the outcome through isSettled() or the listener's own barrier.
        SETTLED.lazySet(this, 2);
        if (listener != null) {
            listener.settled(this);
        }
    }

    /** Whether the outcome is known; {@link #metadata()} and {@link #error()} are then final. */
    boolean isSettled() {
        return settled == 2;
    }

    /** Where the broker stored the record; null unless delivered. */
    RecordMetadata metadata() {
        return metadata;
    }

    /** Why the record failed; null unless failed. */
    ProducerException error() {
        return error;
    }

    String topic() {
        return topic;
    }
}
