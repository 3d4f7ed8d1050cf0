package io.quarkiverse.kafkaproducer.it.eventloop;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices when the test JVM could not run a thread at all: a thread of its own asks to wake up every millisecond and
 * records each time it woke up much later (a garbage collection pause, a safepoint, a machine whose cores all ran
 * something else). Vert.x's blocked-thread checker cannot tell such a pause from code that blocks an event loop; with
 * this meter, a warning that a pause explains is told apart from one that code caused.
 */
final class PauseMeter {

    /** Oversleeping by less than this is ordinary timer slack, not a pause. */
    private static final long NOTICED_MILLIS = 10;
    /** Pauses are kept this long: a warning comes at most a checker interval (1 s) after the block it reports. */
    private static final long KEPT_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** A span of wall-clock time, in epoch milliseconds, during which the meter's thread did not run. */
    record Pause(long fromMillis, long toMillis) {
    }

    private final ConcurrentLinkedDeque<Pause> pauses = new ConcurrentLinkedDeque<>();

    PauseMeter start() {
        Thread thread = new Thread(this::run, "blocked-thread-warnings-pause-meter");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * How much of the span from {@code fromMillis} to {@code toMillis} the JVM was paused, in milliseconds, as far as
     * this meter saw.
     */
    long pausedWithin(long fromMillis, long toMillis) {
        long paused = 0;
        for (Pause pause : pauses) {
            long overlap = Math.min(toMillis, pause.toMillis()) - Math.max(fromMillis, pause.fromMillis());
            if (overlap > 0) {
                paused += overlap;
            }
        }
        return paused;
    }

    private void run() {
        while (true) {
            long before = System.currentTimeMillis();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            long after = System.currentTimeMillis();
            if (after - before > NOTICED_MILLIS) {
                pauses.add(new Pause(before, after));
                prune(after - KEPT_MILLIS);
            }
        }
    }

    private void prune(long oldestMillis) {
        for (Iterator<Pause> it = pauses.iterator(); it.hasNext();) {
            if (it.next().toMillis() >= oldestMillis) {
                return;
            }
            it.remove();
        }
    }
}
