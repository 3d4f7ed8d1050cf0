package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.runtime.LogRateLimiter;

/**
 * The default {@link ProducerErrorLogger}: one ERROR line per failed record in category
 * {@code io.quarkiverse.kafkaproducer}, at most {@code linesPerSecond} per producer (default 10). Beyond that, lines
 * are counted, and the next line logged says how many were suppressed, so that a dead broker under load cannot flood
 * the log while no failure goes unaccounted. The stack trace is logged at DEBUG only: the message already names
 * producer, topic, partition and cause. Thread-safe.
 */
public class LoggingProducerErrorLogger implements ProducerErrorLogger {

    public static final String CATEGORY = "io.quarkiverse.kafkaproducer";
    public static final int DEFAULT_LINES_PER_SECOND = 10;

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final int linesPerSecond;
    private final ConcurrentHashMap<String, LogRateLimiter> limiters = new ConcurrentHashMap<>();

    public LoggingProducerErrorLogger() {
        this(DEFAULT_LINES_PER_SECOND);
    }

    /** @param linesPerSecond lines per second and producer; at least 1 */
    public LoggingProducerErrorLogger(int linesPerSecond) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond must be at least 1, but is " + linesPerSecond);
        }
        this.linesPerSecond = linesPerSecond;
    }

    @Override
    public void logError(ProducerException error) {
        String producer = String.valueOf(error.producerName());
        long suppressed = limiters.computeIfAbsent(producer, p -> new LogRateLimiter(linesPerSecond)).tryAcquire();
        if (suppressed < 0) {
            return;
        }
        if (suppressed > 0) {
            LOG.errorf("Kafka producer '%s': %d more failed records were not logged (at most %d lines per second)",
                    producer, suppressed, linesPerSecond);
        }
        if (LOG.isDebugEnabled()) {
            LOG.error(error.getMessage(), error);
        } else {
            LOG.error(error.getMessage());
        }
    }
}
