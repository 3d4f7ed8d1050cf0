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
 * few milliseconds until it enters, or fails it once it waited {@code delivery-timeout}. While a topic has waiting
 * records, new records of that topic wait behind them, which keeps the order of each topic.
 * <p>
 * When nothing waits, which is the normal state, the engine's only cost is one volatile read ({@link #isEmpty()}).
 */
final class ParkingLot {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

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
    private final Map<String, ArrayDeque<Delivery>> queues = new LinkedHashMap<>();
    private final String producer;
    private final String threadName;
    private final Gate gate;
    private final int capacity;
    private final OverflowPolicy overflowPolicy;
    private final long overflowTimeoutNanos;
    private final long maxWaitNanos;
    private final long retryNanos;

    /** Written under the lock, read without it on the fast path. */
    private volatile int size;
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
            ArrayDeque<Delivery> queue = queues.get(delivery.topic());
            if (onlyBehindOthers && queue == null) {
                return false;
            }
            long remaining = overflowPolicy == OverflowPolicy.BLOCK ? overflowTimeoutNanos : 0;
            while (!closed && size >= capacity && remaining > 0) {
                remaining = left.awaitNanos(remaining);
            }
            if (closed) {
                failure = new KafkaException(producer + " is closed");
            } else if (size >= capacity) {
                // Never silent: the record is reported like any failed one, and counted in telemetry.
                failure = new BufferExhaustedException(producer + ": " + capacity + " records already wait for the "
                        + "Kafka client to take them (queue-size); overflow-policy "
                        + overflowPolicy.name().toLowerCase(Locale.ROOT)
                        + " refused one more");
            } else {
                queue = queues.computeIfAbsent(delivery.topic(), t -> new ArrayDeque<>());
                queue.addLast(delivery);
                delivery.parked = true;
                size++;
                startRetryThread();
                arrived.signal();
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
            queues.values().forEach(queue -> tails.add(queue.peekLast()));
            for (Delivery tail : tails) {
                // Queues are FIFO: once the tail left, everything parked before it left too.
                while (tail.parked) {
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
            queues.values().forEach(leftovers::addAll);
            queues.clear();
            leftovers.forEach(delivery -> delivery.parked = false);
            size = 0;
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
                    retryTopic(topic);
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

    /** Moves the head of a topic's queue into the client until the client refuses one. */
    private void retryTopic(String topic) {
        while (true) {
            Delivery head;
            lock.lock();
            try {
                ArrayDeque<Delivery> queue = queues.get(topic);
                head = closed || queue == null ? null : queue.peekFirst();
            } finally {
                lock.unlock();
            }
            if (head == null) {
                return;
            }
            // The head stays queued while it is offered, so that a record of the same topic sent meanwhile waits
            // behind it instead of overtaking it.
            if (System.nanoTime() - head.startNanos >= maxWaitNanos) {
                remove(topic, head);
                gate.fail(head, expired(head));
            } else if (gate.tryEnter(head)) {
                remove(topic, head);
            } else {
                return;
            }
        }
    }

    private TimeoutException expired(Delivery delivery) {
        Exception refusal = delivery.lastRefusal;
        return new TimeoutException("The Kafka client did not accept the record within delivery-timeout ("
                + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms)"
                + (refusal == null ? "" : "; it last answered: " + refusal.getMessage()), refusal);
    }

    private void remove(String topic, Delivery head) {
        lock.lock();
        try {
            ArrayDeque<Delivery> queue = queues.get(topic);
            if (queue != null && queue.peekFirst() == head) {
                queue.pollFirst();
                if (queue.isEmpty()) {
                    queues.remove(topic);
                }
                head.parked = false;
                size--;
                left.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
