package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.Arrays;

/** Call latencies in a preallocated array, so that recording them allocates nothing inside the timed window. */
final class Latencies {

    private final long[] nanos;

    Latencies(int calls) {
        this.nanos = new long[calls];
    }

    void record(int call, long elapsedNanos) {
        nanos[call] = elapsedNanos;
    }

    /** @param quantile between 0 and 1 */
    double micros(double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)));
        return sorted[index] / 1_000.0;
    }
}
