package io.quarkiverse.kafkaproducer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real broker, shared by the tests of its life cycle. */
class KafkaClusterTest {

    private static final Path LOGS = Path.of("target", "kafka-cluster-test");

    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = KafkaCluster.builder()
                .logDirectory(LOGS)
                .listener("EXTERNAL", "PLAINTEXT")
                .nodeConfigurer((nodeId, properties) -> properties.put("broker.rack", "rack-" + nodeId))
                .build()
                .start();
    }

    @AfterAll
    static void closeLeavesNothing() {
        ProcessHandle broker = cluster.process(1).orElseThrow();
        cluster.close();
        assertThat(broker.isAlive()).isFalse();
        assertThat(BrokerProcesses.ofThisJvm()).isEmpty();
        assertThat(cluster.logFile(1)).as("a chosen log directory stays").exists();
    }

    @Test
    void servesRecords() throws Exception {
        String topic = "topic-" + UUID.randomUUID();
        RecordMetadata metadata = send(topic, "key", "value");
        assertThat(metadata.partition()).isZero();
        assertThat(metadata.offset()).isZero();

        ConsumerRecord<String, String> record = readFirst(topic);
        assertThat(record.key()).isEqualTo("key");
        assertThat(record.value()).isEqualTo("value");
    }

    @Test
    void restartKeepsPortAndData() throws Exception {
        String topic = "topic-" + UUID.randomUUID();
        send(topic, "key", "before restart");
        int port = cluster.port(1);
        long pid = cluster.process(1).orElseThrow().pid();

        cluster.restart(1);

        assertThat(cluster.port(1)).isEqualTo(port);
        assertThat(cluster.process(1).orElseThrow().pid()).isNotEqualTo(pid);
        assertThat(readFirst(topic).value()).isEqualTo("before restart");
    }

    @Test
    void killedNodesComeBackTogetherWithTheirData() throws Exception {
        String topic = "topic-" + UUID.randomUUID();
        send(topic, "key", "before outage");
        cluster.kill(1);
        assertThat(cluster.isRunning(1)).isFalse();

        cluster.restartStopped();

        assertThat(cluster.isRunning(1)).isTrue();
        assertThat(readFirst(topic).value()).isEqualTo("before outage");
        cluster.restartStopped(); // nothing stopped: nothing to do
    }

    @Test
    void pausedBrokerAnswersAgainWhenResumed() {
        cluster.pause(1);
        try {
            assertThat(cluster.isRunning(1)).isTrue();
            assertThat(brokerCount(Duration.ofMillis(500))).as("a paused broker does not answer").isZero();
        } finally {
            cluster.resume(1);
        }
        assertThat(brokerCount(Duration.ofSeconds(30))).isEqualTo(1);
    }

    @Test
    void extraListenerAndNodeConfigurerApply() throws Exception {
        String external = cluster.bootstrapServers("EXTERNAL");
        assertThat(external).isNotEqualTo(cluster.bootstrapServers());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, external));
        try {
            Node node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next();
            assertThat(node.host() + ":" + node.port()).as("address advertised on the extra listener").isEqualTo(external);
            assertThat(node.rack()).isEqualTo("rack-1");
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static RecordMetadata send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, String> readFirst(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(30));
            assertThat(records.isEmpty()).as("records of " + topic).isFalse();
            return records.iterator().next();
        }
    }

    private static int brokerCount(Duration timeout) {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        try {
            return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (Exception e) {
            return 0;
        } finally {
            // close() would wait for the pending request to a paused broker
            admin.close(Duration.ZERO);
        }
    }
}
