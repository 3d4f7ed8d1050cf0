package io.quarkiverse.kafkaproducer.it.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.it.RecordingErrorLogger;
import io.quarkus.kafka.client.tls.QuarkusKafkaSslEngineFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Injected producers over TLS, trusting the broker through Quarkus' TLS registry: {@code kafka.security.protocol=SSL}
 * and {@code kafka.tls-configuration-name}, with the trust store configured as {@code quarkus.tls.<name>.*} only.
 */
@QuarkusTest
@TestProfile(TlsRegistryProfile.class)
class TlsRegistryTest {

    private static final String VALUE_PREFIX = "record-value-" + UUID.randomUUID() + "-";

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    RecordingErrorLogger errors;

    @Test
    void producersTrustTheBrokerThroughTheTlsRegistryAndPrintNoSecret() throws Exception {
        // quarkus-kafka-client turns the name into its SSL engine factory, and no Kafka trust store is set: the TLS
        // handshake can only succeed through the registry
        assertThat(kafkaConfig).containsEntry("ssl.engine.factory.class", QuarkusKafkaSslEngineFactory.class.getName())
                .doesNotContainKey("ssl.truststore.location");
        String topic = SecureCluster.ALLOWED_TOPIC;

        assertThat(sync.sendMessage(topic, "k", VALUE_PREFIX + "sync").topic()).isEqualTo(topic);
        async.sendMessage(topic, "k", VALUE_PREFIX + "async");
        async.flush();

        try (KafkaCompanion companion = new KafkaCompanion(cluster().plainBootstrapServers())) {
            assertThat(companion.consumeStrings().fromTopics(topic, 2).awaitCompletion(Duration.ofSeconds(30))
                    .getRecords()).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder(VALUE_PREFIX + "sync", VALUE_PREFIX + "async");
        }
        assertThat(errors.errorsFor(topic)).isEmpty();

        String health = given().get("/q/health").then().statusCode(200).extract().asString();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String logFile = Files.readString(SecureClusterResource.logFile("tls-registry"));
        String output = CapturedOutput.text();
        assertThat(health).contains("\"sync/default\": \"UP\"");
        for (String secret : cluster().secrets()) {
            assertThat(logFile).doesNotContain(secret);
            assertThat(output).doesNotContain(secret);
            assertThat(health).doesNotContain(secret);
            assertThat(metrics).doesNotContain(secret);
        }
        assertThat(logFile).doesNotContain(VALUE_PREFIX);
        assertThat(output).doesNotContain(VALUE_PREFIX);
    }

    private static SecureCluster cluster() {
        return SecureClusterResource.cluster();
    }
}
