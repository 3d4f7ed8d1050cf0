package io.quarkiverse.kafkaproducer.benchmarks;

/**
 * What every variant of a group sends: the same topic, value size and broker.
 *
 * @param bootstrapServers the broker
 * @param topic a topic of 3 partitions, created before the group runs
 * @param valueSize bytes per value; records have no key and no headers
 * @param broker the broker's process when the benchmark started it, to take its CPU time; else null
 */
record Workload(String bootstrapServers, String topic, int valueSize, ProcessHandle broker) {

    /** The broker's CPU time so far in µs, or NaN. */
    double brokerCpuMicros() {
        if (broker == null) {
            return Double.NaN;
        }
        return broker.info().totalCpuDuration().map(d -> d.toNanos() / 1e3).orElse(Double.NaN);
    }

    /** How many distinct values the records cycle through; a power of two. */
    static final int DISTINCT_VALUES = 1024;

    /**
     * Distinct random values, the same for every variant: 1,024 of them span more than the 64 KiB an LZ4 block looks
     * back, so compression cannot find one record's bytes in its neighbours (one value repeated would compress a whole
     * batch to almost nothing and flatter any compressing variant).
     */
    byte[][] payloads() {
        java.util.Random random = new java.util.Random(valueSize);
        byte[][] values = new byte[DISTINCT_VALUES][valueSize];
        for (byte[] value : values) {
            random.nextBytes(value);
        }
        return values;
    }

    /** One value, for warming up. */
    byte[] payload() {
        return payloads()[0];
    }
}
