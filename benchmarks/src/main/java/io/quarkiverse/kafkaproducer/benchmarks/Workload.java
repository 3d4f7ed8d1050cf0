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

    /** Random bytes, the same for every variant: compression cannot flatter anyone. */
    byte[] payload() {
        byte[] value = new byte[valueSize];
        new java.util.Random(valueSize).nextBytes(value);
        return value;
    }
}
