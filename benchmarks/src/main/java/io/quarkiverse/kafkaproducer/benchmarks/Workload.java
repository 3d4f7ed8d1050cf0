package io.quarkiverse.kafkaproducer.benchmarks;

/**
 * What every variant of a group sends: the same topic, value size and broker.
 *
 * @param bootstrapServers the broker
 * @param topic a topic of 3 partitions, created before the group runs
 * @param valueSize bytes per value; records have no key and no headers
 */
record Workload(String bootstrapServers, String topic, int valueSize) {

    byte[] payload() {
        byte[] value = new byte[valueSize];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        return value;
    }
}
