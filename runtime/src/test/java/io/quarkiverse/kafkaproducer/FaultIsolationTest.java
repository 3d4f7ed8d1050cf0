package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fault stays where it happened, against a real broker: a flood of records for a partition the topic does not have
 * neither delays the records of the topic's other partitions nor those of another topic, and each bad record is
 * reported once, at once.
 */
class FaultIsolationTest {

    private static final Logger LOG = Logger.getLogger(FaultIsolationTest.class);
    private static final int RECORDS = 20_000;

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(3);

    @Test
    void aFloodToAMissingPartitionHoldsBackNeitherTheTopicsOtherPartitionsNorOtherTopics() {
        Latencies latencies = new Latencies();
        List<ProducerException> errors = new CopyOnWriteArrayList<>();
        try (AsyncProducer<byte[], byte[]> producer = KafkaProducers.newAsyncProducer("isolation",
                broker.bootstrapServers(), ProducerOptions.withTelemetry(latencies),
                ProducerOptions.withErrorLogger(errors::add))) {
            // both topics exist and the client knows them, as in a running application
            producer.sendMessage(new ProducerRecord<>("isolation", 0, null, new byte[10]));
            producer.sendMessage("isolation-other", new byte[10]);
            producer.flush();
            latencies.clear();

            long start = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                producer.sendMessage(new ProducerRecord<>("isolation", 7, null, new byte[100])); // no partition 7
                producer.sendMessage(new ProducerRecord<>("isolation", 0, null, new byte[100]));
                producer.sendMessage("isolation-other", new byte[100]);
            }
            producer.flush();
            LOG.infof("%d records each to a missing partition, to partition 0 and to another topic in %d ms; "
                    + "delivered records: p50 %d ms, p99 %d ms, max %d ms", RECORDS,
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), latencies.percentile(0.5),
                    latencies.percentile(0.99), latencies.percentile(1.0));

            // delivered as usual: none waited anything near the queue timeout (40 s) or delivery-timeout (120 s)
            assertThat(latencies.delivered).hasSize(2 * RECORDS);
            assertThat(Duration.ofMillis(latencies.percentile(1.0))).isLessThan(Duration.ofSeconds(10));
            // each bad record reported once, with the cause
            assertThat(errors).hasSize(RECORDS).allSatisfy(error -> {
                assertThat(error.topic()).isEqualTo("isolation");
                assertThat(error.partition()).isEqualTo(7);
                assertThat(error.getCause()).isInstanceOf(UnknownTopicOrPartitionException.class)
                        .hasMessageContaining("Partition 7 of topic 'isolation' does not exist: the topic has 3 partitions");
            });
            assertThat(latencies.failed.get()).isEqualTo(RECORDS);
        }
        // what the broker holds, read back independently
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> expected = Map.of(new TopicPartition("isolation", 0), 1L + RECORDS,
                    new TopicPartition("isolation", 1), 0L, new TopicPartition("isolation", 2), 0L);
            assertThat(consumer.endOffsets(expected.keySet())).isEqualTo(expected);
        }
        assertThat(broker.endOffsetSum("isolation-other")).isEqualTo(1L + RECORDS);
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put("bootstrap.servers", broker.bootstrapServers());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The latency of each delivered record, and how many failed. */
    private static final class Latencies implements ProducerTelemetry {
        final ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
        final AtomicLong failed = new AtomicLong();

        @Override
        public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                ProducerType type, String clientId, boolean success) {
            if (success) {
                delivered.add(duration.toMillis());
            } else {
                failed.incrementAndGet();
            }
        }

        @Override
        public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                String clientId, boolean success) {
        }

        void clear() {
            delivered.clear();
            failed.set(0);
        }

        long percentile(double p) {
            long[] sorted = delivered.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }
}
