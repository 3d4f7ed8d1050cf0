package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * The default {@link ProducerErrorLogger}: one ERROR line per failed record in category
 * {@code io.quarkiverse.kafkaproducer}, at most {@code linesPerSecond} per producer (default 10,
 * {@code quarkus.kafka-producer.error-logger.lines-per-second}). Beyond that, lines are counted, and once the second is
 * over one ERROR line says how many were not logged ({@code Kafka producer 'orders' (async): 532 more failed records were not
 * logged ...}), even if no further failure comes, so that a dead broker under load cannot flood the log while no
 * failure goes unaccounted. The message is the {@link ProducerException}'s: producer, type, topic, partition and
 * cause, never the record's key or value. The stack trace is added only when the category is enabled at DEBUG.
 * Thread-safe.
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
        // one budget per producer: the sync and the async producer of one name are two producers
        String producer = "'" + error.producerName() + "' ("
                + (error.producerType() == null ? "?" : error.producerType().tagValue()) + ")";
        long suppressed = limiters.computeIfAbsent(producer,
                p -> new LogRateLimiter(linesPerSecond, held -> logSuppressed(p, held))).tryAcquire();
        if (suppressed < 0) {
            return;
        }
        if (suppressed > 0) {
            logSuppressed(producer, suppressed);
        }
        if (LOG.isDebugEnabled()) {
            LOG.error(error.getMessage(), error);
        } else {
            LOG.error(error.getMessage());
        }
    }

    private void logSuppressed(String producer, long count) {
        LOG.errorf("Kafka producer %s: %d more failed records were not logged (at most %d lines per second)",
                producer, count, linesPerSecond);
    }
}
