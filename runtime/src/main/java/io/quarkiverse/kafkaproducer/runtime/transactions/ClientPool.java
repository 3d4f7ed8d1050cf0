package io.quarkiverse.kafkaproducer.runtime.transactions;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The Kafka clients of one transactional producer: at most {@code size}, each running one transaction at a time.
 * A client is started when a transaction finds none free and the pool is not full, with the lowest index not in use,
 * so that an application that runs one transaction at a time has one client, {@code <prefix>0}. A client whose
 * transaction left it unusable is discarded, and its index is free again.
 * <p>
 * Thread-safe. Callers get a client in the order they asked (a fair semaphore).
 */
final class ClientPool {

    private final int size;
    private final Semaphore permits;
    /** Starts the client of an index: creates it and initializes its transactions; may block, may throw. */
    private final IntFunction<PooledClient> starter;
    /** Closes a client, waiting at most the given time for what it still sends. */
    private final ClientCloser closer;
    /** Guarded by this; the most recently used first, so that few clients stay warm under a light load. */
    private final Deque<PooledClient> idle = new ArrayDeque<>();
    /** Guarded by this. */
    private final Set<PooledClient> started = new HashSet<>();
    /** The indexes of the started clients; guarded by this. */
    private final BitSet indexes = new BitSet();
    /** Guarded by this. */
    private boolean closed;

    interface ClientCloser {
        void close(PooledClient client, Duration timeout);
    }

    ClientPool(int size, IntFunction<PooledClient> starter, ClientCloser closer) {
        this.size = size;
        this.permits = new Semaphore(size, true);
        this.starter = starter;
        this.closer = closer;
    }

    int size() {
        return size;
    }

    /**
     * A client for one transaction, started if none is free and the pool is not full.
     *
     * @return the client, or null if none was free within {@code timeout}
     * @throws InterruptedException interrupted while waiting
     * @throws IllegalStateException the pool is closed
     * @throws RuntimeException starting a client failed (its index is free again)
     */
    PooledClient acquire(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        int index;
        synchronized (this) {
            if (closed) {
                permits.release();
                throw new IllegalStateException("closed");
            }
            PooledClient free = idle.pollFirst();
            if (free != null) {
                return free;
            }
            index = indexes.nextClearBit(0);
            indexes.set(index);
        }
        PooledClient client;
        try {
            client = starter.apply(index);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                indexes.clear(index);
            }
            permits.release();
            throw e;
        }
        boolean closedMeanwhile;
        synchronized (this) {
            closedMeanwhile = closed;
            if (!closedMeanwhile) {
                started.add(client);
            }
        }
        if (closedMeanwhile) {
            closer.close(client, Duration.ZERO);
            permits.release();
            throw new IllegalStateException("closed");
        }
        return client;
    }

    /** Gives back a client whose transaction ended cleanly (committed or aborted): the next transaction may use it. */
    void release(PooledClient client) {
        boolean closeIt;
        synchronized (this) {
            closeIt = closed;
            if (closeIt) {
                started.remove(client);
            } else {
                idle.addFirst(client);
            }
        }
        if (closeIt) {
            closer.close(client, Duration.ZERO);
        }
        permits.release();
    }

    /** Closes a client that its transaction left unusable (fenced, failed fatally, outcome unknown); frees its index. */
    void discard(PooledClient client) {
        closer.close(client, Duration.ZERO);
        synchronized (this) {
            started.remove(client);
            indexes.clear(client.index());
        }
        permits.release();
    }

    /**
     * Refuses new transactions, waits up to {@code timeout} for the running ones to end, then closes every client:
     * the idle ones within what is left of {@code timeout}, and those still in a transaction at once, which fails it.
     */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean allEnded;
        try {
            allEnded = permits.tryAcquire(size, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allEnded = false;
        }
        List<PooledClient> idleClients;
        List<PooledClient> busyClients = new ArrayList<>();
        synchronized (this) {
            idleClients = new ArrayList<>(idle);
            idle.clear();
            started.removeAll(idleClients);
            if (!allEnded) {
                busyClients.addAll(started);
                started.clear();
            }
        }
        for (PooledClient client : idleClients) {
            closer.close(client, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (PooledClient client : busyClients) {
            closer.close(client, Duration.ZERO);
        }
    }
}
