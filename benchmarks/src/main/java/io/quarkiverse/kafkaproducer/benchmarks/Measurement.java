package io.quarkiverse.kafkaproducer.benchmarks;

/**
 * One timed run of one variant. Rates and costs count delivered records only: a record refused or failed costs little
 * and is no throughput, and the work spent on it is charged to the delivered ones.
 *
 * @param variant the variant's name
 * @param records records sent in the timed window
 * @param failed records reported as failed
 * @param seconds length of the timed window
 * @param p50Micros median latency of one call (sync variants), or NaN
 * @param p99Micros 99th percentile latency of one call (sync variants), or NaN
 * @param allocatedBytesPerRecord heap allocated in this JVM during the window, per delivered record, or NaN (sarama)
 * @param cpuMicrosPerRecord CPU time of the producer per delivered record: this JVM's threads during the window, or the sarama
 *        process as a whole
 * @param brokerCpuMicrosPerRecord CPU time of the broker per delivered record while the variant ran, or NaN (broker not ours)
 */
record Measurement(String variant, long records, long failed, double seconds, double p50Micros, double p99Micros,
        double allocatedBytesPerRecord, double cpuMicrosPerRecord, double brokerCpuMicrosPerRecord) {

    /** Delivered records per second. */
    double deliveredPerSecond() {
        return delivered() / seconds;
    }

    long delivered() {
        return records - failed;
    }

    /** Producer and broker CPU per record: what a record costs the machine, whoever else is running. */
    double totalCpuMicrosPerRecord() {
        return cpuMicrosPerRecord + brokerCpuMicrosPerRecord;
    }

    Measurement withBrokerCpu(double micros) {
        return new Measurement(variant, records, failed, seconds, p50Micros, p99Micros, allocatedBytesPerRecord,
                cpuMicrosPerRecord, micros);
    }
}
