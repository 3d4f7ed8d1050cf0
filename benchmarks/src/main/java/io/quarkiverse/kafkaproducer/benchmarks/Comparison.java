package io.quarkiverse.kafkaproducer.benchmarks;

/**
 * A figure taken from two variants of one group in the same round, and its target; the median over the rounds is the
 * figure reported.
 *
 * @param measure what it measures, as the table says it
 * @param numerator the variant measured
 * @param denominator the variant it is measured against (for {@link Kind#FAILED}, unused)
 * @param kind how the two are combined, and which way the target points
 * @param target the target, or NaN for a figure reported for information
 */
record Comparison(String measure, String numerator, String denominator, Kind kind, double target) {

    enum Kind {
        /** Records per second of the numerator over the denominator's; holds at or above the target. */
        THROUGHPUT_RATIO,
        /**
         * CPU per record (producer and broker) of the denominator over the numerator's: the throughput ratio a machine
         * would give if the two alone shared its processors. Holds at or above the target.
         */
        COST_RATIO,
        /** Heap bytes per record of the numerator minus the denominator's; holds at or below the target. */
        HEAP_DIFFERENCE,
        /** 99th percentile latency of the numerator over the denominator's; holds at or below the target. */
        P99_RATIO,
        /** Records the numerator reported as failed; holds at or below the target. */
        FAILED
    }

    static Comparison ratio(String measure, String numerator, String denominator, double target) {
        return new Comparison(measure, numerator, denominator, Kind.THROUGHPUT_RATIO, target);
    }

    static Comparison cost(String measure, String numerator, String denominator, double target) {
        return new Comparison(measure, numerator, denominator, Kind.COST_RATIO, target);
    }

    static Comparison heap(String measure, String numerator, String denominator, double target) {
        return new Comparison(measure, numerator, denominator, Kind.HEAP_DIFFERENCE, target);
    }

    static Comparison p99(String measure, String numerator, String denominator, double target) {
        return new Comparison(measure, numerator, denominator, Kind.P99_RATIO, target);
    }

    /** Records failed by a variant, with a target of none. */
    static Comparison failed(String measure, String variant) {
        return new Comparison(measure, variant, variant, Kind.FAILED, 0);
    }

    /** Records failed by a variant, for information: where a bounded non-blocking producer must refuse some. */
    static Comparison failedInfo(String measure, String variant) {
        return new Comparison(measure, variant, variant, Kind.FAILED, Double.NaN);
    }

    /** The figure of one round. */
    double value(Measurement numerator, Measurement denominator) {
        return switch (kind) {
            case THROUGHPUT_RATIO -> numerator.deliveredPerSecond() / denominator.deliveredPerSecond();
            case COST_RATIO -> denominator.totalCpuMicrosPerRecord() / numerator.totalCpuMicrosPerRecord();
            case HEAP_DIFFERENCE -> numerator.allocatedBytesPerRecord() - denominator.allocatedBytesPerRecord();
            case P99_RATIO -> numerator.p99Micros() / denominator.p99Micros();
            case FAILED -> numerator.failed();
        };
    }

    boolean hasTarget() {
        return !Double.isNaN(target);
    }

    boolean holds(double median) {
        return kind == Kind.THROUGHPUT_RATIO || kind == Kind.COST_RATIO ? median >= target : median <= target;
    }

    String targetText() {
        if (!hasTarget()) {
            return "(info)";
        }
        return switch (kind) {
            case THROUGHPUT_RATIO, COST_RATIO -> ">= " + target;
            case HEAP_DIFFERENCE -> "<= " + (long) target + " B";
            case P99_RATIO -> "<= " + target;
            case FAILED -> "= " + (long) target;
        };
    }
}
