package io.quarkiverse.kafkaproducer.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness against three real brokers: losing one replica of three loses nothing, and it comes back. */
class TestClusterFaultTest {

    private static final String TOPIC = "replicated";

    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("fault-test", 3);
    }

    @AfterAll
    static void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killedLeaderIsReplacedAndRejoinsTheIsrAfterRestart() throws Exception {
        cluster.createTopic(TOPIC, 1, 3, 2);
        assertThat(cluster.isr(TOPIC, 0)).containsExactlyInAnyOrder(1, 2, 3);

        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, "key", "before")).get(30, TimeUnit.SECONDS);

            int leader = cluster.leaderOf(TOPIC, 0);
            cluster.cluster().kill(leader);
            assertThat(cluster.cluster().isRunning(leader)).isFalse();

            // acks=all with min ISR 2: the two survivors take the write once the dead leader is fenced
            producer.send(new ProducerRecord<>(TOPIC, "key", "after kill")).get(60, TimeUnit.SECONDS);
            assertThat(cluster.awaitNewLeader(TOPIC, 0, leader)).isNotEqualTo(leader);
            assertThat(cluster.isr(TOPIC, 0)).hasSize(2).doesNotContain(leader);
            assertThat(values()).containsExactly("before", "after kill");

            cluster.cluster().restart(leader);
            cluster.awaitIsr(TOPIC, 0, 3);
            assertThat(cluster.isr(TOPIC, 0)).contains(leader);

            producer.send(new ProducerRecord<>(TOPIC, "key", "after restart")).get(30, TimeUnit.SECONDS);
            assertThat(values()).containsExactly("before", "after kill", "after restart");
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    /** Reads the partition from the start to its end, as it is now. */
    private static List<String> values() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TestCluster.TIMEOUT.toNanos();
            while (consumer.position(partition, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
