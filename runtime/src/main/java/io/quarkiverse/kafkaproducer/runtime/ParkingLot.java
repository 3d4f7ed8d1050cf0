package io.quarkiverse.kafkaproducer.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Where records wait that the Kafka client could not take at once, so that no caller ever waits for the broker.
 * <p>
 * With {@code max.block.ms=0}, the client refuses a record instead of blocking when the topic has no metadata yet
 * (first use, broker down) or when its buffer is full. Failing such records would lose the first records of every
 * new topic, so they wait here: one FIFO queue per topic (an unknown topic does not hold back the others), a bound on
 * the total ({@code queue-size}), and one daemon thread that offers the head of each queue to the client again every
 * few milliseconds until it enters, or fails it once it waited {@code delivery-timeout} and is still refused. While a
 * topic has waiting records, new records of that topic wait behind them, which keeps the order of each topic.
 * <p>
 * When nothing waits, which is the normal state, the engine's only cost is one volatile read ({@link #isEmpty()}).
 * <p>
 * A caller that sends to a topic with waiting records first helps move them into the client. Without that, a caller
 * producing faster than the retry thread alone can hand records over would keep the topic queued for good, and a
 * burst to a topic seen for the first time would overflow the queue once its metadata arrived. Helping costs the
 * caller only non-blocking hand-overs, never a wait on the broker.
 */
final class ParkingLot {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    /**
     * How many waiting records one send call moves into the client at most. Far more than the one it adds, so that
     * callers still empty the queue faster than they fill it; bounded, so that no call does the work of seconds when
     * tens of thousands of records wait (the client's buffer was full while a broker was frozen, say) and the client
     * takes them again. The retry thread moves the rest.
     */
    static final int CALLER_HELP_LIMIT = 256;

    /**
     * Records leaving wake flush, close and blocked callers once per this many, and at the end of each pass over a
     * topic: waking them for every record woke a waiting flush tens of thousands of times per second (a power of 2).
     */
    private static final int SIGNAL_EVERY = 256;

    /** How the lot reaches the engine. */
    interface Gate {
        /** Offers a record to the client; false if the client would have to block, true if it entered or settled. */
        boolean tryEnter(Delivery delivery);

        /** Fails a record that never entered the client. */
        void fail(Delivery delivery, Exception cause);
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when records arrive or the lot closes: wakes the retry thread. */
    private final Condition arrived = lock.newCondition();
    /** Signalled when records leave or the lot closes: wakes flush, close and blocked callers. */
    private final Condition left = lock.newCondition();
    private final Map<String, TopicQueue> queues = new LinkedHashMap<>();
    private final String producer;
    private final String threadName;
    private final Gate gate;
    private final int capacity;
    private final OverflowPolicy overflowPolicy;
    private final long overflowTimeoutNanos;
    private final long maxWaitNanos;
    private final long retryNanos;
    /**
     * Why a full lot refuses a record, by the bound it reached. One instance for all of them, as the Kafka client gives every
     * record of a failed
     * batch the same exception: under overload records are refused by the thousand per second, and a message built
     * for each was most of the cost of refusing one. It has no stack trace (a Kafka API exception).
     */
    private final BufferExhaustedException overflowByCount;
    private final BufferExhaustedException overflowByMemory;

    /** Written under the lock, read without it on the fast path. */
    private volatile int size;
    /** The memory of the waiting records, as {@link #footprint(Delivery)} counts it; under the lock. */
    private long bytes;
    private boolean closed;
    private Thread retryThread;

    ParkingLot(String producer, String threadName, Gate gate, int capacity, OverflowPolicy overflowPolicy,
            long overflowTimeoutNanos, long maxWaitNanos, long retryNanos) {
        this.producer = producer;
        this.threadName = threadName;
        this.gate = gate;
        this.capacity = capacity;
        this.overflowPolicy = overflowPolicy;
        this.overflowTimeoutNanos = overflowTimeoutNanos;
        this.maxWaitNanos = maxWaitNanos;
        this.retryNanos = retryNanos;
        String refused = "; overflow-policy " + overflowPolicy.name().toLowerCase(Locale.ROOT) + " refused the record"
                + (overflowPolicy == OverflowPolicy.BLOCK
                        ? " after waiting overflow-timeout (" + TimeUnit.NANOSECONDS.toMillis(overflowTimeoutNanos)
                                + " ms) for room"
                        : "");
        this.overflowByCount = new BufferExhaustedException(producer + ": " + capacity + " records (queue-size) "
                + "already wait for the Kafka client to take them" + refused);
        this.overflowByMemory = new BufferExhaustedException(producer + ": the records waiting for the Kafka client to "
                + "take them already hold " + ProducerDefaults.QUEUE_MEMORY / (1024 * 1024) + " MiB, the most they may"
                + refused);
    }

    /** True when no record waits: the engine then sends straight to the client. */
    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /**
     * Sends a record while other records wait: behind its topic's waiting records if there are any, else straight to
     * the client, and here if the client refuses it.
     */
    void submit(Delivery delivery) {
        drain(delivery.topic(), true);
        if (!enqueue(delivery, true) && !gate.tryEnter(delivery)) {
            enqueue(delivery, false);
        }
    }

    /** Parks a record the client refused. May wait for room under {@link OverflowPolicy#BLOCK}. */
    void park(Delivery delivery) {
        enqueue(delivery, false);
    }

    /**
     * @param onlyBehindOthers park only if records of the same topic already wait
     * @return whether the record was parked or failed (false: nothing of its topic waits and it was left alone)
     */
    private boolean enqueue(Delivery delivery, boolean onlyBehindOthers) {
        Exception failure = null;
        lock.lock();
        try {
            TopicQueue queue = queues.get(delivery.topic());
            if (onlyBehindOthers && queue == null) {
                return false;
            }
            long remaining = overflowPolicy == OverflowPolicy.BLOCK ? overflowTimeoutNanos : 0;
            while (!closed && isFull(delivery) && remaining > 0) {
                remaining = left.awaitNanos(remaining);
            }
            if (closed) {
                failure = new KafkaException(producer + " is closed");
            } else if (isFull(delivery)) {
                // Never silent: the record is reported like any failed one, and counted in telemetry.
                failure = size >= capacity ? overflowByCount : overflowByMemory;
            } else {
                queue = queues.computeIfAbsent(delivery.topic(), t -> new TopicQueue());
                queue.records.addLast(delivery);
                delivery.extras().parked = true;
                size++;
                bytes += footprint(delivery);
                startRetryThread();
                if (size == 1) {
                    // Only an empty lot's retry thread sleeps until records arrive; otherwise it is on its backoff,
                    // and waking it for each new record made it offer the client a record it had just refused, once
                    // per record sent, competing with the callers for processors and for this lock.
                    arrived.signal();
                }
            }
        } catch (InterruptedException e) {
            failure = new InterruptException(e);
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            gate.fail(delivery, failure);
        }
        return true;
    }

    /**
     * Waits until every record parked before this call has left (entered the client or failed).
     *
     * @return false if the timeout ended first
     * @throws InterruptException if interrupted
     */
    boolean awaitLeft(long timeoutNanos) {
        long remaining = timeoutNanos;
        lock.lock();
        try {
            List<Delivery> tails = new ArrayList<>(queues.size());
            for (TopicQueue queue : queues.values()) {
                Delivery tail = queue.records.isEmpty() ? queue.inHand : queue.records.peekLast();
                if (tail != null) {
                    tails.add(tail);
                }
            }
            for (Delivery tail : tails) {
                // Queues are FIFO: once the tail left, everything parked before it left too.
                while (tail.isParked()) {
                    if (remaining <= 0) {
                        return false;
                    }
                    remaining = left.awaitNanos(remaining);
                }
            }
            return true;
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new records, stops the retry thread after its current attempt, and fails every record still waiting.
     */
    void close(Exception cause) {
        Thread thread;
        lock.lock();
        try {
            closed = true;
            thread = retryThread;
            arrived.signalAll();
            left.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                // Not a wait on the broker: the thread only finishes its current non-blocking attempt.
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Delivery> leftovers = new ArrayList<>();
        lock.lock();
        try {
            queues.values().forEach(queue -> leftovers.addAll(queue.records));
            queues.clear();
            leftovers.forEach(delivery -> delivery.extras().parked = false);
            size = 0;
            bytes = 0;
            left.signalAll();
        } finally {
            lock.unlock();
        }
        leftovers.forEach(delivery -> gate.fail(delivery, cause));
    }

    private void startRetryThread() {
        if (retryThread == null) {
            retryThread = new Thread(this::retryLoop, threadName);
            retryThread.setDaemon(true);
            retryThread.start();
        }
    }

    private void retryLoop() {
        while (awaitWork()) {
            for (String topic : topics()) {
                try {
                    drain(topic, false);
                } catch (RuntimeException e) {
                    // Keep the thread alive: records of other topics must still move or expire.
                    LOG.errorf(e, "%s: unexpected failure while retrying parked records of topic '%s'", producer, topic);
                }
            }
        }
    }

    /** Sleeps a short backoff (or until records arrive); false once closed. */
    private boolean awaitWork() {
        lock.lock();
        try {
            if (!closed) {
                if (size == 0) {
                    arrived.await();
                } else {
                    arrived.awaitNanos(retryNanos);
                }
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private List<String> topics() {
        lock.lock();
        try {
            return new ArrayList<>(queues.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves a topic's waiting records into the client, oldest first, until the client refuses one or none is left; one
     * thread at a time per topic. A record refused after it waited delivery-timeout fails instead.
     *
     * @param byCaller a caller's thread helps: it skips the attempt while the client refused the topic less than a
     *        retry backoff ago, so that a topic without metadata does not cost every send a refused attempt, and it
     *        moves at most {@link #CALLER_HELP_LIMIT} records
     */
    private void drain(String topic, boolean byCaller) {
        TopicQueue queue;
        lock.lock();
        try {
            queue = queues.get(topic);
            if (closed || queue == null || queue.draining
                    || (byCaller && System.nanoTime() - queue.retryAfterNanos < 0)) {
                return;
            }
            queue.draining = true;
        } finally {
            lock.unlock();
        }
        try {
            int limit = byCaller ? CALLER_HELP_LIMIT : Integer.MAX_VALUE;
            for (int moved = 0; moved < limit && moveHead(topic, queue); moved++) {
                // next
            }
        } finally {
            lock.lock();
            try {
                queue.draining = false;
                if (queue.records.isEmpty()) {
                    queues.remove(topic, queue);
                }
                left.signalAll(); // whoever waits for records to leave: see moveHead
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return true if the head left the queue and the next one may follow */
    private boolean moveHead(String topic, TopicQueue queue) {
        Delivery head;
        lock.lock();
        try {
            // Out of the deque but still counted, and the queue stays in the map while it drains: a record of the
            // same topic sent meanwhile waits behind it instead of overtaking it.
            head = closed ? null : queue.records.pollFirst();
            queue.inHand = head;
        } finally {
            lock.unlock();
        }
        if (head == null) {
            return false;
        }
        // Offered even when it has waited delivery-timeout: it may have waited behind a record the client could not
        // take (one for a partition that does not exist), and the client may take it now. Only a refused record fails.
        boolean entered = gate.tryEnter(head);
        boolean expired = !entered && System.nanoTime() - head.startNanos >= maxWaitNanos;
        boolean handedOver = entered || expired;
        boolean failClosed;
        lock.lock();
        try {
            queue.inHand = null;
            if (!handedOver && !closed) {
                queue.records.addFirst(head);
                queue.retryAfterNanos = System.nanoTime() + retryNanos;
                return false;
            }
            failClosed = !handedOver; // closed while it was offered: close() has already failed the others
            head.extras().parked = false;
            size--;
            bytes -= footprint(head);
            if ((size & (SIGNAL_EVERY - 1)) == 0) {
                left.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (expired) {
            gate.fail(head, expired(head));
        } else if (failClosed) {
            gate.fail(head, new KafkaException(producer + " is closed"));
        }
        return !failClosed;
    }

    /** Whether one more record would exceed a bound; a single record always fits in an empty lot. */
    private boolean isFull(Delivery delivery) {
        return size >= capacity || (size > 0 && bytes + footprint(delivery) > ProducerDefaults.QUEUE_MEMORY);
    }

    private static long footprint(Delivery delivery) {
        return (long) delivery.size + ProducerDefaults.QUEUE_RECORD_OVERHEAD;
    }

    /** A topic's waiting records, and who moves them. */
    private static final class TopicQueue {
        final ArrayDeque<Delivery> records = new ArrayDeque<>();
        /** A thread is moving records of this topic into the client. */
        boolean draining;
        /** The record being offered to the client, out of {@link #records} meanwhile. */
        Delivery inHand;
        /** Callers do not retry before this time: the client refused the topic's head recently. */
        long retryAfterNanos = System.nanoTime();
    }

    private TimeoutException expired(Delivery delivery) {
        Exception refusal = delivery.extras().lastRefusal;
        return new TimeoutException("The Kafka client did not accept the record within delivery-timeout ("
                + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms)"
                + (refusal == null ? "" : "; it last answered: " + refusal.getMessage()), refusal);
    }
}
