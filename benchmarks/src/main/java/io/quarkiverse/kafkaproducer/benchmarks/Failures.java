package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;

/** Counts records reported as failed; the counts are printed, and a run with failures is flagged. */
final class Failures {

    private final LongAdder count = new LongAdder();

    /** The error logger of our producers. */
    ProducerErrorLogger errorLogger() {
        return error -> count.increment();
    }

    /**
     * An error logger that takes the failed records themselves, as a dead-letter handler does: the producer then keeps
     * every record until it settles. It counts, and drops the record.
     */
    ProducerErrorLogger recordTakingErrorLogger() {
        return new ProducerErrorLogger() {
            @Override
            public void logError(ProducerException error) {
                count.increment();
            }

            @Override
            public void logError(ProducerException error, ProducerRecord<byte[], byte[]> record) {
                count.increment();
            }
        };
    }

    /** The callback of the plain client: one instance for all records, as a careful user would write it. */
    Callback callback() {
        return (metadata, exception) -> {
            if (exception != null) {
                count.increment();
            }
        };
    }

    void increment() {
        count.increment();
    }

    long count() {
        return count.sum();
    }
}
