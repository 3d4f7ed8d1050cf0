package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The Dev Services broker, as plain Kafka clients and the Kafka companion see it. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class DevServicesBrokerTest {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void recordSentWithPlainProducerIsReadBackWithCompanion() throws Exception {
        String topic = "dev-services-round-trip";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafkaConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<String, String> record = companion.consumeStrings()
                .fromTopics(topic, 1)
                .awaitCompletion(Duration.ofSeconds(30))
                .getFirstRecord();
        assertThat(record.topic()).isEqualTo(topic);
        assertThat(record.key()).isEqualTo("key");
        assertThat(record.value()).isEqualTo("value");
    }

    @Test
    void applicationAndCompanionUseTheDevServicesBroker() {
        assertThat(kafkaConfig.get("bootstrap.servers")).asString().matches("127\\.0\\.0\\.1:\\d+");
        assertThat(companion.getBootstrapServers()).isEqualTo(kafkaConfig.get("bootstrap.servers"));
    }
}
