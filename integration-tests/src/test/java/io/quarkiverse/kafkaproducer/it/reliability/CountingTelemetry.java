package io.quarkiverse.kafkaproducer.it.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;

/** Counts what a producer reports to its telemetry: each record must be reported exactly once. */
final class CountingTelemetry implements ProducerTelemetry {

    final LongAdder successes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder sizes = new LongAdder();
    final LongAccumulator slowestSuccessNanos = new LongAccumulator(Math::max, 0);

    @Override
    public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
            ProducerType type, String clientId, boolean success) {
        if (success) {
            successes.increment();
            slowestSuccessNanos.accumulate(duration.toNanos());
        } else {
            failures.increment();
        }
    }

    @Override
    public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
        sizes.increment();
    }

    long reported() {
        return successes.sum() + failures.sum();
    }
}
