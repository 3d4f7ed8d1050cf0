package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Allows at most a number of log lines per second, and counts the ones it holds back so that the next line allowed can
 * say how many were suppressed. Keeps a dead broker under load from flooding the log. Thread-safe; used on failure
 * paths only, so a short lock is fine.
 * <p>
 * With a summary sink, the count of suppressed lines is also handed to the sink once the second in which they were
 * suppressed is over, even if no further line is ever logged: a burst of failures followed by silence still leaves its
 * count in the log. The summary runs on a JDK-managed daemon thread ({@link CompletableFuture#delayedExecutor}), so the
 * limiter owns no thread and needs no closing.
 */
public final class LogRateLimiter {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int linesPerSecond;
    private final LongConsumer summary;
    private long windowStart = System.nanoTime();
    private int linesInWindow;
    private long suppressed;
    private boolean summaryScheduled;

    /** @param linesPerSecond lines allowed per second; at least 1 */
    public LogRateLimiter(int linesPerSecond) {
        this(linesPerSecond, null);
    }

    /**
     * @param linesPerSecond lines allowed per second; at least 1
     * @param summary receives the number of lines suppressed, about a second after the first of them; null for none
     */
    public LogRateLimiter(int linesPerSecond, LongConsumer summary) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond must be at least 1, but is " + linesPerSecond);
        }
        this.linesPerSecond = linesPerSecond;
        this.summary = summary;
    }

    /**
     * Asks to log one line.
     *
     * @return -1 if the line must be suppressed; otherwise the number of lines suppressed since the last allowed one
     *         (0 normally) and not yet handed to the summary sink, which the caller should mention
     */
    public long tryAcquire() {
        Executor later = null;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= SECOND_NANOS) {
                windowStart = now;
                linesInWindow = 0;
            }
            if (linesInWindow < linesPerSecond) {
                linesInWindow++;
                long held = suppressed;
                suppressed = 0;
                return held;
            }
            suppressed++;
            if (summary != null && !summaryScheduled) {
                summaryScheduled = true;
                later = CompletableFuture.delayedExecutor(windowStart + SECOND_NANOS - now, TimeUnit.NANOSECONDS);
            }
        }
        if (later != null) {
            later.execute(this::summarize);
        }
        return -1;
    }

    private void summarize() {
        long held;
        synchronized (this) {
            summaryScheduled = false;
            held = suppressed;
            suppressed = 0;
        }
        if (held > 0) {
            summary.accept(held);
        }
    }
}
