package io.quarkiverse.kafkaproducer.runtime.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * One record on its way through the engine: it is the record's Kafka callback, and it settles exactly once, as
 * delivered or failed, whichever path the record took (straight into the client, through the {@link ParkingLot},
 * refused at once, failed at close).
 * <p>
 * Small on purpose, since one is allocated per record: 40 bytes with compressed pointers for an async record, 48 for
 * one a caller waits on ({@link Awaited}). The topic and partition are not kept: every Kafka callback carries them in
 * its metadata, and records that fail before entering the client have their record at hand. What only records that
 * wait in the lot or are traced need is in {@link Extras}, made only for them (and for every record of a producer whose
 * error logger takes the failed records).
 */
class Delivery implements Callback {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Delivery.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The outcome of a record no one waits for. */
    private static final Object SETTLED = new Object();
    /** Being settled: the settler claimed it and reports it. */
    private static final Object CLAIMED = new Object();

    final Settler settler;
    /** When the send call began, for the latency; only when the telemetry measures. Written before the record is handed on. */
    final long startNanos;
    /** Bytes as written: key, value and headers. Written before the record is handed on. */
    int size;

    /*
     * While this record is inside producer.send(record, this): the sending thread; then, if the client answered inside
     * send, that Answer. With max.block.ms=0 the Kafka client reports what it cannot do at once (no metadata, buffer
     * full, record too large) by calling this callback on that very thread, before send returns; the engine needs that
     * answer back instead of a settled record. Only the sending thread writes it; the client's network thread may
     * read a stale value, but never its own identity, so the check in onCompletion needs no barrier.
     */
    private Object sendState;

    /** Null while unsettled, {@link #CLAIMED} while being settled, then the outcome. */
    private volatile Object state;

    /** Made for records that wait in the lot or are traced; null for the others. */
    private Extras extras;

    Delivery(Settler settler) {
        this.settler = settler;
        this.startNanos = settler.measures() ? System.nanoTime() : 0;
    }

    /** What the client answered inside {@code send}, on the sending thread. */
    record Answer(RecordMetadata metadata, Exception exception) {
    }

    /** What only some records need. Guarded as {@link ParkingLot} and {@link ClientGate} say. */
    static final class Extras {
        /*
         * The record until the Kafka client took it, then null: the client keeps its own copy in its buffer, and the
         * key, value and headers kept here as well would double the memory of the records in flight. Kept until the
         * record settled when the error logger takes failed records (see FailedRecords): that producer pays the cost.
         * Written by the thread that offered it last; read only by threads offering it, which the lot's lock orders.
         */
        ProducerRecord<byte[], byte[]> record;
        /** Why the client last refused the record; written before parking, then by the thread draining its queue. */
        Exception lastRefusal;
        /** When the record started to wait in the lot; its queue timeout counts from here. */
        long parkedNanos;
        /** Whether the record waits in the lot; guarded by the lot's lock. */
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
        settler.completed(this, metadata, exception);
    }

    /** Marks the calling thread as inside {@code producer.send(record, this)}. */
    void enterSend() {
        sendState = Thread.currentThread();
    }

    /** Leaves {@code send}: the answer the client gave inside it, or null if it took the record. */
    Answer leaveSend() {
        Object answer = sendState;
        sendState = null;
        return answer instanceof Answer a ? a : null;
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

    /** Whether the record waits in the lot; under the lot's lock. */
    boolean isParked() {
        return extras != null && extras.parked;
    }

    /** The record's span, or null. */
    Object span() {
        return extras == null ? null : extras.span;
    }

    /** Claims the right to settle; true exactly once. */
    final boolean claim() {
        return STATE.compareAndSet(this, null, CLAIMED);
    }

    /** Records the outcome, once, by the claimant; an async record keeps none, as no one waits for it. */
    void complete(RecordMetadata metadata, ProducerException error) {
        // A release store: readers see the outcome through isSettled() or the listener's own barrier.
        STATE.setRelease(this, SETTLED);
    }

    /** Stores a settled outcome; for subclasses that keep one. */
    final void outcome(Object outcome) {
        STATE.setRelease(this, outcome);
    }

    /** The state: null, {@link #CLAIMED} or the outcome. */
    final Object state() {
        return state;
    }

    /** Whether the outcome is known. */
    public final boolean isSettled() {
        Object s = state;
        return s != null && s != CLAIMED;
    }

    /**
     * A record someone waits for: a sync call's thread, unparked when it settles, or a {@link SettleListener} (the
     * records of one {@code sendMessages} call, a reactive subscriber). It keeps its outcome.
     */
    static final class Awaited extends Delivery implements PendingRecord {

        /** The waiting {@link Thread}, or the {@link SettleListener}. */
        private final Object waiter;

        Awaited(Settler settler, Object waiter) {
            super(settler);
            this.waiter = waiter;
        }

        @Override
        void complete(RecordMetadata metadata, ProducerException error) {
            outcome(error != null ? error : metadata);
            if (waiter instanceof SettleListener listener) {
                listener.settled(this);
            } else {
                LockSupport.unpark((Thread) waiter);
            }
        }

        @Override
        public void await() throws InterruptedException {
            while (!isSettled()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.park(this);
            }
        }

        @Override
        public boolean await(long deadlineNanos) throws InterruptedException {
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

        @Override
        public RecordMetadata metadata() {
            return state() instanceof RecordMetadata metadata ? metadata : null;
        }

        @Override
        public ProducerException error() {
            return state() instanceof ProducerException error ? error : null;
        }
    }
}
