package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.producer.Callback;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;

/** Counts records reported as failed; the counts are printed, and a run with failures is flagged. */
final class Failures {

    private final LongAdder count = new LongAdder();

    /** The error logger of our producers. */
    ProducerErrorLogger errorLogger() {
        return error -> count.increment();
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
