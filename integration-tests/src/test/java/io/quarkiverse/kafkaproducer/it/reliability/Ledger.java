package io.quarkiverse.kafkaproducer.it.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The independent side of every reliability check: values carry {@code <writer>:<sequence>}, and a consumer of its
 * own reads the topic back from the beginning, so that what was stored is compared with what was sent, never with the
 * producer's own bookkeeping.
 */
final class Ledger {

    /** One stored record, parsed. */
    record Entry(int writer, long sequence, int partition, long offset) {
    }

    private Ledger() {
    }

    /** The value of a record: {@code w<writer>:<sequence>:} followed by {@code padding} filler characters. */
    static String value(int writer, long sequence, int padding) {
        return "w" + writer + ":" + sequence + ":" + "p".repeat(padding);
    }

    /** Every record the topic holds now, in partition and offset order. */
    static List<Entry> read(String bootstrapServers, String topic) {
        return read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /**
     * @param clientConfig the consumer's connection settings (bootstrap servers, security)
     */
    static List<Entry> read(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(PartitionInfo::partition).sorted().map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!partitions.stream().allMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) >= end.get(tp))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("Could not read " + topic + " to its end offsets " + end + " within 2 min");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records.stream()
                    .sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                            : Long.compare(a.offset(), b.offset()))
                    .map(Ledger::parse).toList();
        }
    }

    /**
     * Checks the stored entries of each writer and partition have strictly increasing sequence numbers: stored once,
     * in send order.
     *
     * @return a description of every violation; empty when there is none
     */
    static List<String> orderViolations(List<Entry> stored) {
        Map<String, List<Entry>> byWriterAndPartition = stored.stream().collect(
                Collectors.groupingBy(e -> e.writer() + "/" + e.partition(), Collectors.toList()));
        List<String> violations = new ArrayList<>();
        byWriterAndPartition.forEach((key, entries) -> {
            for (int i = 1; i < entries.size(); i++) {
                if (entries.get(i).sequence() <= entries.get(i - 1).sequence()) {
                    violations.add("writer/partition " + key + ": " + entries.get(i - 1) + " then " + entries.get(i));
                }
            }
        });
        return violations;
    }

    /** @return every (writer, sequence) stored more than once, with its count */
    static Map<String, Long> duplicates(List<Entry> stored) {
        return stored.stream().collect(Collectors.groupingBy(e -> e.writer() + ":" + e.sequence(), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Entry parse(ConsumerRecord<String, String> record) {
        String value = record.value();
        int colon = value.indexOf(':');
        int second = value.indexOf(':', colon + 1);
        if (!value.startsWith("w") || colon < 0 || second < 0) {
            throw new AssertionError("Not a ledger value at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset());
        }
        return new Entry(Integer.parseInt(value.substring(1, colon)), Long.parseLong(value.substring(colon + 1, second)),
                record.partition(), record.offset());
    }
}
