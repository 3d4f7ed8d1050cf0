package io.quarkiverse.kafkaproducer.it.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;

/**
 * Quarkus Messaging's Kafka channels in the same application as this extension's producers, in test mode with no
 * broker configured and no Docker: Quarkus' own Kafka Dev Service stays off, and the channels use this extension's
 * broker.
 */
@QuarkusTest
class MessagingBesideProducersTest {

    @Inject
    Prices prices;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anIncomingChannelReadsWhatTheProducerWrote() {
        DeliveryReport report = prices.publishPrice("apple", "1.20");
        assertThat(report.topic()).isEqualTo("prices");
        await().atMost(Duration.ofSeconds(60)).until(() -> prices.received().contains("1.20"));
    }

    @Test
    void anEmitterWritesToTheSameBroker() {
        prices.placeOrder("order-1");
        Properties config = new Properties();
        config.putAll(kafkaConfig);
        config.put("group.id", "messaging-test");
        config.put("auto.offset.reset", "earliest");
        List<String> orders = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("orders"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    orders.add(record.value());
                }
                return orders.contains("order-1");
            });
        }
    }

    @Test
    void theBrokerIsThisExtensionsDevServiceNotAContainer() {
        assertThat(bootstrapServers).as("a local broker process, not a container's mapped port")
                .matches("127\\.0\\.0\\.1:\\d+");
        assertThat(kafkaConfig.get("bootstrap.servers")).isEqualTo(bootstrapServers);
    }
}
