package io.quarkiverse.kafkaproducer.deployment.devservices;

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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class DevServicesStartsBrokerTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(DevServicesProbe.class))
            // a random HTTP port: these tests need none, and a fixed one collides with builds running in parallel
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.kafka-producer.devservices.partitions", "3")
            .addBuildChainCustomizer(DevServicesProbe.recordDevService())
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(records -> assertThat(records)
                    .as("no warning from Quarkus' container-based Dev Services")
                    .noneMatch(record -> String.valueOf(record.getMessage()).contains("Docker"))
                    .noneMatch(record -> String.valueOf(record.getMessage()).toLowerCase().contains("testcontainers")));

    @ConfigProperty(name = DevServicesProbe.PROPERTY)
    boolean devServiceProduced;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void brokerStoresAndServesRecords() throws Exception {
        assertThat(devServiceProduced).isTrue();
        assertThat(bootstrapServers).matches("127\\.0\\.0\\.1:\\d+");

        String topic = "dev-services-" + UUID.randomUUID();
        RecordMetadata metadata;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            metadata = producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions()).as("partitions of an auto-created topic").hasSize(3);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, metadata.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, metadata.offset());
            ConsumerRecord<String, String> record = consumer.poll(Duration.ofSeconds(30)).iterator().next();
            assertThat(record.key()).isEqualTo("key");
            assertThat(record.value()).isEqualTo("value");
        }
    }

    @Test
    void brokerLogIsKeptUnderTarget() {
        assertThat(Path.of("target", DevServicesKafkaProducerProcessor.LOG_DIRECTORY, "broker-1.log")).isNotEmptyFile();
    }
}
