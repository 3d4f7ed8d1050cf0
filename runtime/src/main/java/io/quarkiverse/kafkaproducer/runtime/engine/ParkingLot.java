package io.quarkiverse.kafkaproducer.runtime.engine;

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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.runtime.settings.OverflowPolicy;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerDefaults;

/**
 * Where records wait that the Kafka client could not take at once, so that no caller ever waits for the broker.
 * <p>
 * With {@code max.block.ms=0}, the client refuses a record instead of blocking when the topic has no metadata yet
 * (first use, broker down) or when its buffer is full. Failing such records would lose the first records of every
 * new topic, so they wait here, in one FIFO queue per topic, and one daemon thread offers the head of each queue to the
 * client again every few milliseconds until it enters. While a topic has waiting records, new records of that topic
 * wait behind them, which keeps the order of each topic. When nothing waits, which is the normal state, a send costs
 * one volatile read here ({@link #dispatch}).
 * <p>
 * <b>Bounds.</b> At most {@code queue-size} records and {@link ProducerDefaults#QUEUE_MEMORY} bytes of one topic wait,
 * and twice that of all topics together ({@link ProducerDefaults#QUEUE_ALL_TOPICS_FACTOR}): a topic whose records the
 * client keeps refusing cannot crowd out the others, and a burst to one new topic has the whole of
 * {@code queue-size}. Beyond a bound the overflow policy applies; {@code block} never waits on a Vert.x event loop,
 * where the record is refused at once. A record waits at most the queue timeout (a third
 * of {@code delivery-timeout}); after that it fails without being offered again, so that the client's own share of
 * {@code delivery-timeout} still fits in the whole.
 * <p>
 * <b>Helping.</b> A caller that sends to a topic with waiting records first moves some of them into the client, at
 * most {@link #CALLER_HELP_LIMIT}, and not before the topic's retry backoff passed. Without that, a caller producing
 * faster than the retry thread alone can hand records over would keep the topic queued for good.
 * <p>
 * <b>Robustness.</b> Counters are kept per record, under the lock, by whoever moves it, so that they stay exact when a
 * caller drains while {@link #close} runs; a record whose offer threw is failed, not lost. A retry thread that ends
 * for any reason other than close is replaced while records wait.
 */
final class ParkingLot {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    /**
     * How many waiting records one send call moves into the client at most. Far more than the one it adds, so that
     * callers still empty the queue faster than they fill it; bounded, so that no call does the work of seconds when
     * tens of thousands of records wait.
     */
    static final int CALLER_HELP_LIMIT = 256;

    /**
     * Records leaving wake flush, close and blocked callers once per this many, and at the end of each pass over a
     * topic: waking them for every record woke a waiting flush tens of thousands of times per second (a power of 2).
     */
    private static final int SIGNAL_EVERY = 256;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when records arrive or the lot closes: wakes the retry thread. */
    private final Condition arrived = lock.newCondition();
    /** Signalled when records leave or the lot closes: wakes flush, close and blocked callers. */
    private final Condition left = lock.newCondition();
    private final Map<String, TopicQueue> queues = new LinkedHashMap<>();
    private final String producer;
    private final String threadName;
    private final ClientGate gate;
    private final Settler settler;
    private final int topicCapacity;
    private final int capacity;
    private final long capacityBytes;
    private final OverflowPolicy overflowPolicy;
    private final long overflowTimeoutNanos;
    private final long queueTimeoutNanos;
    private final long retryNanos;
    /**
     * Why a full lot refuses a record, by the bound it reached. One instance for all of them, as the Kafka client gives
     * every record of a failed batch the same exception: under overload records are refused by the thousand per
     * second, and a message built for each was most of the cost of refusing one. Kafka API exceptions have no stack
     * trace.
     */
    private final Refusals refusals;

    /** Written under the lock, read without it on the fast path. */
    private volatile int size;
    /** The memory of the waiting records, as {@link #footprint(Delivery)} counts it; under the lock. */
    private long bytes;
    private boolean closed;
    private Thread retryThread;

    ParkingLot(String producer, String threadName, ClientGate gate, Settler settler, int topicCapacity,
            OverflowPolicy overflowPolicy, long overflowTimeoutNanos, long queueTimeoutNanos, long retryNanos) {
        this.producer = producer;
        this.threadName = threadName;
        this.gate = gate;
        this.settler = settler;
        this.topicCapacity = topicCapacity;
        this.capacity = (int) Math.min(Integer.MAX_VALUE,
                (long) topicCapacity * ProducerDefaults.QUEUE_ALL_TOPICS_FACTOR);
        this.capacityBytes = ProducerDefaults.QUEUE_MEMORY * ProducerDefaults.QUEUE_ALL_TOPICS_FACTOR;
        this.overflowPolicy = overflowPolicy;
        this.overflowTimeoutNanos = overflowTimeoutNanos;
        this.queueTimeoutNanos = queueTimeoutNanos;
        this.retryNanos = retryNanos;
        this.refusals = new Refusals();
    }

    /** Sends a record: straight to the client when nothing waits, else behind its topic's waiting records. */
    void dispatch(Delivery delivery, ProducerRecord<byte[], byte[]> record) {
        if (size == 0) {
            if (!gate.offer(delivery, record)) {
                enqueue(delivery, record, false);
            }
            return;
        }
        drain(record.topic(), true);
        if (!enqueue(delivery, record, true) && !gate.offer(delivery, record)) {
            enqueue(delivery, record, false);
        }
    }

    int size() {
        return size;
    }

    /**
     * @param onlyBehindOthers queue only if records of the same topic already wait
     * @return whether the record was queued or failed (false: nothing of its topic waits and it was left alone)
     */
    private boolean enqueue(Delivery delivery, ProducerRecord<byte[], byte[]> record, boolean onlyBehindOthers) {
        String topic = record.topic();
        long footprint = footprint(delivery);
        Exception failure = null;
        lock.lock();
        try {
            TopicQueue queue = queues.get(topic);
            if (onlyBehindOthers && queue == null) {
                return false;
            }
            boolean onEventLoop = false;
            if (!closed && overflowPolicy == OverflowPolicy.BLOCK && isFull(queue, footprint)) {
                // Never on an event loop: there the record is refused at once, as with overflow-policy fail.
                onEventLoop = !BlockingGuard.isBlockingAllowed();
                long remaining = onEventLoop ? 0 : overflowTimeoutNanos;
                while (!closed && remaining > 0 && isFull(queue, footprint)) {
                    remaining = left.awaitNanos(remaining);
                    queue = queues.get(topic); // drained and removed meanwhile, perhaps
                }
            }
            if (closed) {
                failure = new KafkaException(producer + " is closed");
            } else if (isFull(queue, footprint)) {
                // Never silent: the record is reported like any failed one, and counted in telemetry.
                failure = refusals.of(queue, footprint, onEventLoop);
            } else {
                if (queue == null) {
                    queue = new TopicQueue();
                    queues.put(topic, queue);
                }
                Delivery.Extras extras = delivery.extras();
                extras.record = record;
                extras.parked = true;
                extras.parkedNanos = System.nanoTime();
                queue.records.addLast(delivery);
                queue.count++;
                queue.bytes += footprint;
                size++;
                bytes += footprint;
                ensureRetryThread();
                if (size == 1) {
                    // Only an empty lot's retry thread sleeps until records arrive; otherwise it is on its backoff,
                    // and waking it for each new record made it offer the client a record it had just refused.
                    arrived.signal();
                }
            }
        } catch (InterruptedException e) {
            failure = new InterruptException(e);
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            settler.fail(delivery, record, failure);
        }
        return true;
    }

    /**
     * Waits until every record queued before this call has left (entered the client or failed).
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
                // Queues are FIFO: once the tail left, everything queued before it left too.
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
     * Refuses new records, stops the retry thread after its current attempt, and fails every record still waiting. A
     * record a caller's thread is offering meanwhile is left to that thread, which settles it and counts it out.
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
            for (var iterator = queues.values().iterator(); iterator.hasNext();) {
                TopicQueue queue = iterator.next();
                for (Delivery delivery; (delivery = queue.records.pollFirst()) != null;) {
                    leave(queue, delivery);
                    leftovers.add(delivery);
                }
                if (queue.count == 0) {
                    iterator.remove();
                }
            }
            left.signalAll();
        } finally {
            lock.unlock();
        }
        for (Delivery delivery : leftovers) {
            settler.fail(delivery, delivery.extras().record, cause);
        }
    }

    /**
     * Takes a record back that still waits in its queue, so that it is never offered to the client.
     *
     * @return false if it is not waiting (it entered the client, failed, or is being offered right now)
     */
    boolean withdraw(Delivery delivery) {
        lock.lock();
        try {
            if (!delivery.isParked()) {
                return false;
            }
            String topic = delivery.extras().record.topic();
            TopicQueue queue = queues.get(topic);
            if (queue == null || !queue.records.remove(delivery)) {
                return false; // in a draining thread's hand: it is being offered
            }
            leave(queue, delivery);
            if (queue.count == 0 && !queue.draining) {
                queues.remove(topic, queue);
            }
            left.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a record out of the lot; under the lock. */
    private void leave(TopicQueue queue, Delivery delivery) {
        long footprint = footprint(delivery);
        delivery.extras().parked = false;
        queue.count--;
        queue.bytes -= footprint;
        size--;
        bytes -= footprint;
    }

    private void ensureRetryThread() {
        if (retryThread == null && !closed) {
            retryThread = new Thread(this::retryLoop, threadName);
            retryThread.setDaemon(true);
            retryThread.start();
        }
    }

    private void retryLoop() {
        Throwable death = null;
        try {
            while (awaitWork()) {
                for (String topic : topics()) {
                    try {
                        drain(topic, false);
                    } catch (RuntimeException e) {
                        // Keep the thread alive: records of other topics must still move or expire.
                        LOG.errorf(e, "%s: unexpected failure while retrying waiting records of topic '%s'", producer,
                                topic);
                    }
                }
            }
        } catch (Throwable t) {
            death = t; // logged once, with what happens next; the thread ends either way
        } finally {
            replaceRetryThread(death);
        }
    }

    /** Called by the retry thread as it ends: while the lot is open and records wait, another takes over. */
    private void replaceRetryThread(Throwable death) {
        lock.lock();
        try {
            if (retryThread == Thread.currentThread()) {
                retryThread = null;
            }
            if (!closed && size > 0) {
                LOG.errorf(death, "%s: the thread retrying waiting records ended unexpectedly; another one takes over",
                        producer);
                ensureRetryThread();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sleeps a short backoff (or until records arrive); false once closed. An interrupt does not end the thread: only
     * close does, and it signals rather than interrupts.
     */
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
        } catch (InterruptedException e) {
            LOG.debugf("%s: the thread retrying waiting records was interrupted; it goes on", producer);
        } finally {
            lock.unlock();
        }
        return !closed;
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
     * thread at a time per topic.
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
            for (int moved = 0; moved < limit && moveHead(queue); moved++) {
                // next
            }
        } finally {
            lock.lock();
            try {
                queue.draining = false;
                if (queue.count == 0) {
                    queues.remove(topic, queue);
                }
                left.signalAll(); // whoever waits for records to leave: see moveHead
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return true if the head left the queue and the next one may follow */
    private boolean moveHead(TopicQueue queue) {
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
        ProducerRecord<byte[], byte[]> record = head.extras().record;
        boolean expired = System.nanoTime() - head.extras().parkedNanos >= queueTimeoutNanos;
        boolean handedOver = expired;
        boolean requeued = false;
        Throwable thrown = null;
        try {
            // An expired record is not offered: the client would give it its own share of delivery-timeout again.
            handedOver = expired || gate.offer(head, record);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            lock.lock();
            try {
                queue.inHand = null;
                if (!handedOver && thrown == null && !closed) {
                    queue.records.addFirst(head);
                    queue.retryAfterNanos = System.nanoTime() + retryNanos;
                    queue.lastRefusal = head.extras().lastRefusal;
                    requeued = true;
                } else {
                    leave(queue, head);
                    if ((size & (SIGNAL_EVERY - 1)) == 0) {
                        left.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        if (thrown != null) {
            // Settled here unless the gate settled it before throwing: a record never just disappears.
            settler.fail(head, record, new KafkaException(producer + ": offering the record to the Kafka client "
                    + "failed unexpectedly (" + thrown + ")", thrown));
            if (thrown instanceof Error error) {
                throw error;
            }
            throw thrown instanceof RuntimeException runtime ? runtime : new KafkaException(thrown);
        }
        if (requeued) {
            return false;
        }
        if (expired) {
            settler.fail(head, record, expired(head, queue));
        } else if (!handedOver) {
            // Refused while close ran: close has failed the others and left this one to us.
            settler.fail(head, record, new KafkaException(producer + " is closed"));
            return false;
        }
        return true;
    }

    /** Whether one more record would exceed a bound; a single record always fits in an empty lot or queue. */
    private boolean isFull(TopicQueue queue, long footprint) {
        return size >= capacity || (size > 0 && bytes + footprint > capacityBytes)
                || (queue != null && queue.count > 0
                        && (queue.count >= topicCapacity || queue.bytes + footprint > ProducerDefaults.QUEUE_MEMORY));
    }

    private static long footprint(Delivery delivery) {
        return (long) delivery.size + ProducerDefaults.QUEUE_RECORD_OVERHEAD;
    }

    /** A topic's waiting records, and who moves them. */
    private static final class TopicQueue {
        final ArrayDeque<Delivery> records = new ArrayDeque<>();
        /** The records of this topic counted in the lot: those in {@link #records}, and {@link #inHand}. */
        int count;
        /** Their memory, as {@link #footprint(Delivery)} counts it. */
        long bytes;
        /** A thread is moving records of this topic into the client. */
        boolean draining;
        /** The record being offered to the client, out of {@link #records} meanwhile. */
        Delivery inHand;
        /** Callers do not retry before this time: the client refused the topic's head recently. */
        long retryAfterNanos = System.nanoTime();
        /** Why the client last refused the topic's head: the reason also of the records behind it. */
        Exception lastRefusal;
    }

    /** Why a record waited too long: the client's last refusal of it, or of the records ahead of it. */
    private TimeoutException expired(Delivery delivery, TopicQueue queue) {
        Exception refusal = delivery.extras().lastRefusal;
        if (refusal == null) {
            lock.lock();
            try {
                refusal = queue.lastRefusal;
            } finally {
                lock.unlock();
            }
        }
        return new TimeoutException("The Kafka client did not take the record within its queue timeout ("
                + TimeUnit.NANOSECONDS.toMillis(queueTimeoutNanos) + " ms, a third of delivery-timeout)"
                + (refusal == null ? "" : "; it last answered: " + refusal.getMessage()), refusal);
    }

    /** The shared exceptions of a full lot, by the bound reached; see {@link #refusals}. */
    private final class Refusals {
        private final BufferExhaustedException byCount;
        private final BufferExhaustedException byMemory;
        private final BufferExhaustedException byTopicCount;
        private final BufferExhaustedException byTopicMemory;
        private final BufferExhaustedException onEventLoop;

        Refusals() {
            String refused = "; overflow-policy " + overflowPolicy.name().toLowerCase(Locale.ROOT)
                    + " refused the record"
                    + (overflowPolicy == OverflowPolicy.BLOCK
                            ? " after waiting overflow-timeout (" + TimeUnit.NANOSECONDS.toMillis(overflowTimeoutNanos)
                                    + " ms) for room"
                            : "");
            long mebibytes = ProducerDefaults.QUEUE_MEMORY / (1024 * 1024);
            int factor = ProducerDefaults.QUEUE_ALL_TOPICS_FACTOR;
            byCount = new BufferExhaustedException(producer + ": " + capacity + " records already wait for the Kafka "
                    + "client to take them, the most all topics together may (" + factor + " times queue-size)"
                    + refused);
            byMemory = new BufferExhaustedException(producer + ": the records waiting for the Kafka client to take "
                    + "them already hold " + mebibytes * factor + " MiB, the most all topics together may" + refused);
            byTopicCount = new BufferExhaustedException(producer + ": " + topicCapacity + " records of this topic "
                    + "(queue-size) already wait for the Kafka client to take them" + refused);
            byTopicMemory = new BufferExhaustedException(producer + ": the records of this topic waiting for the "
                    + "Kafka client to take them already hold " + mebibytes + " MiB, the most one topic may"
                    + refused);
            onEventLoop = new BufferExhaustedException(producer + ": the queue of records waiting for the Kafka "
                    + "client is full; overflow-policy block does not wait on a Vert.x event loop thread, so the "
                    + "record was refused at once");
        }

        BufferExhaustedException of(TopicQueue queue, long footprint, boolean eventLoop) {
            if (eventLoop) {
                return onEventLoop;
            }
            if (size >= capacity) {
                return byCount;
            }
            if (size > 0 && bytes + footprint > capacityBytes) {
                return byMemory;
            }
            return queue.count >= topicCapacity ? byTopicCount : byTopicMemory;
        }
    }
}
