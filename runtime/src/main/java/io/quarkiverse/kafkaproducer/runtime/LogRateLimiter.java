package io.quarkiverse.kafkaproducer.runtime;

/**
 * Allows at most a number of log lines per second, and counts the ones it holds back so that the next line allowed can
 * say how many were suppressed. Keeps a dead broker under load from flooding the log. Thread-safe; used on failure
 * paths only, so a short lock is fine.
 */
public final class LogRateLimiter {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int linesPerSecond;
    private long windowStart = System.nanoTime();
    private int linesInWindow;
    private long suppressed;

    /** @param linesPerSecond lines allowed per second; at least 1 */
    public LogRateLimiter(int linesPerSecond) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond must be at least 1, but is " + linesPerSecond);
        }
        this.linesPerSecond = linesPerSecond;
    }

    /**
     * Asks to log one line.
     *
     * @return -1 if the line must be suppressed; otherwise the number of lines suppressed since the last allowed one
     *         (0 normally), which the caller should mention
     */
    public synchronized long tryAcquire() {
        long now = System.nanoTime();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= linesPerSecond) {
            suppressed++;
            return -1;
        }
        linesInWindow++;
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}
