package io.quarkiverse.kafkaproducer.runtime;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * One record on its way through a {@link ProducerEngine}: it is the Kafka callback of the record, and it settles
 * exactly once, as delivered or failed, whichever path the record took (straight into the client, through the
 * {@link ParkingLot}, refused at once, failed at close).
 * <p>
 * Small on purpose: one is allocated per record, and at hundreds of thousands of records per second its size is the
 * producer's main cost in heap over the plain client. An async record that enters the client at once holds only what
 * settling it needs (48 bytes with compressed pointers). A sync call's records are {@link Awaited}, which keep their
 * outcome for the caller; what records that wait in the parking lot or are traced need is in {@link Extras}, made
 * only for them.
 */
class Delivery implements Callback {

    /** Told once when a delivery settles, after telemetry and error logger saw it. */
    interface Listener {
        void settled(Awaited delivery);
    }

    private static final AtomicIntegerFieldUpdater<Delivery> SETTLED = AtomicIntegerFieldUpdater
            .newUpdater(Delivery.class, "settled");

    private final ProducerEngine engine;
    /*
     * The record's topic, kept here: settling a record reads it on the client's network thread, long after the record
     * was created, and every other object touched there is a likely cache miss at hundreds of thousands of records per
     * second.
     */
    private final String topic;
    final int size;
    /** The partition the caller chose, or -1 to let the client choose. */
    final int requestedPartition;
    final long startNanos;
    private volatile int settled;

    /*
     * While this record is inside producer.send(record, this): the sending thread. With max.block.ms=0 the Kafka client
     * reports what it cannot do at once (no metadata, buffer full, record too large) by calling this callback on that
     * very thread, before send returns; the engine needs that answer back instead of a settled record, to park the
     * record, and finds it here as an Answer. The client's network thread may read a stale value here, but never its
     * own identity, so the check in onCompletion is safe without volatile.
     */
    private Object sendState;

    /** Made for records that wait in the parking lot or are traced; null for the others. */
    private Extras extras;

    Delivery(ProducerEngine engine, ProducerRecord<byte[], byte[]> record, int size) {
        this.engine = engine;
        this.requestedPartition = record.partition() == null ? -1 : record.partition();
        this.topic = record.topic();
        this.size = size;
        this.startNanos = System.nanoTime();
    }

    /** What the client answered inside {@code send}, on the sending thread. */
    record Answer(RecordMetadata metadata, Exception exception) {
    }

    /** What only some records need. Fields are guarded as {@link ParkingLot} and {@link ClientGate} say. */
    static final class Extras {
        /*
         * The record until the Kafka client took it, then null: the client keeps its own copy in its buffer, and the
         * key, value and headers kept here as well would double the memory of the records in flight. Written by the
         * thread that offered it last; read only by threads offering it, which the parking lot's lock orders.
         */
        ProducerRecord<byte[], byte[]> record;
        /** Why the client last refused the record; written before parking, then by the lot's retry thread only. */
        Exception lastRefusal;
        /** Whether the record waits in the parking lot; guarded by the parking lot's lock. */
        boolean parked;
        /** The record's span when the producer traces, else null; set before the record is offered to the client. */
        Object span;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (sendState == Thread.currentThread()) {
            sendState = new Answer(metadata, exception);
            return;
        }
        engine.settle(this, metadata, exception);
    }

    /** Marks the calling thread as inside {@code producer.send(record, this)}. */
    void enterSend() {
        sendState = Thread.currentThread();
    }

    /** Leaves {@code send}: the answer the client gave inside it, or null if it took the record. */
    Answer leaveSend() {
        Object state = sendState;
        sendState = null;
        return state instanceof Answer answer ? answer : null;
    }

    /** This record's extras, made on first use; by the thread that owns the record at that moment. */
    Extras extras() {
        if (extras == null) {
            extras = new Extras();
        }
        return extras;
    }

    /** The extras, or null if the record never needed any. */
    Extras extrasOrNull() {
        return extras;
    }

    /** Whether the record waits in the parking lot; under the lot's lock. */
    boolean isParked() {
        return extras != null && extras.parked;
    }

    /** The record's span, or null. */
    Object span() {
        return extras == null ? null : extras.span;
    }

    /** Claims the right to settle; true exactly once. */
    boolean claim() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    /** Records the outcome; called once, by the claimant. An async record keeps no outcome: no one waits for it. */
    void complete(RecordMetadata metadata, ProducerException error) {
        // A release store is enough: readers see the outcome through isSettled() or the listener's own barrier.
        SETTLED.lazySet(this, 2);
    }

    /** Whether the outcome is known. */
    boolean isSettled() {
        return settled == 2;
    }

    String topic() {
        return topic;
    }

    /**
     * A record of a sync call: it keeps its outcome and tells who waits for it, either a {@link Listener} shared by
     * the records of one {@code sendMessages} call or, for a single record, the calling thread itself (no latch to
     * allocate per call).
     */
    static final class Awaited extends Delivery {

        /** The waiting {@link Thread}, or the {@link Listener} of a batch. */
        private final Object waiter;
        /** The {@link RecordMetadata} when delivered, the {@link ProducerException} when failed. */
        private Object outcome;

        Awaited(ProducerEngine engine, ProducerRecord<byte[], byte[]> record, int size, Object waiter) {
            super(engine, record, size);
            this.waiter = waiter;
        }

        @Override
        void complete(RecordMetadata metadata, ProducerException error) {
            this.outcome = error != null ? error : metadata;
            super.complete(metadata, error);
            if (waiter instanceof Listener listener) {
                listener.settled(this);
            } else {
                LockSupport.unpark((Thread) waiter);
            }
        }

        /**
         * For a single record, by the thread that sent it: waits until the record settles or the deadline passes.
         *
         * @return whether it settled
         * @throws InterruptedException the thread was interrupted while waiting
         */
        boolean await(long deadlineNanos) throws InterruptedException {
            while (!isSettled()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, remaining);
            }
            return true;
        }

        /** Where the broker stored the record; null unless delivered. Final once {@link #isSettled()}. */
        RecordMetadata metadata() {
            return outcome instanceof RecordMetadata metadata ? metadata : null;
        }

        /** Why the record failed; null unless failed. Final once {@link #isSettled()}. */
        ProducerException error() {
            return outcome instanceof ProducerException error ? error : null;
        }
    }
}
