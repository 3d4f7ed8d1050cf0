package io.quarkiverse.kafkaproducer.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The default telemetry as an operator sees it at {@code /q/metrics} (Prometheus): the write latency and size meters
 * with their tags after sync and async sends that succeed and fail, and the Kafka client's own meters of each
 * producer. Without {@code quarkus-opentelemetry} in this application, records carry no trace header.
 */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class TelemetryMetricsTest {

    private static final String SERVICE = "quarkus-kafka-producer-integration-tests";

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void writeMetersAreExposedWithTheirTags() {
        String topic = "metrics-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 1);
        sync.sendMessage(topic, "k", "value");
        sync.sendMessage(topic, "k", "value");
        assertThatThrownBy(() -> sync.sendMessage(topic, "k", "x".repeat(1_100_000)))
                .isInstanceOf(ProducerException.class);
        for (int i = 0; i < 3; i++) {
            async.sendMessage(topic, "k", "value");
        }
        async.flush();

        List<String> metrics = Arrays.asList(given().get("/q/metrics").then().statusCode(200).extract().asString()
                .split("\n"));
        Map<String, String> syncOk = Map.of("service", SERVICE, "topic", topic, "partition", "0", "type", "sync",
                "client_id", SERVICE + "-default-sync", "success", "true");
        assertThat(sample(metrics, "kafka_producer_write_latency_seconds_count", syncOk)).isEqualTo(2.0);
        assertThat(sample(metrics, "kafka_producer_write_size_bytes_sum", syncOk)).isEqualTo(12.0);
        assertThat(sample(metrics, "kafka_producer_write_latency_seconds_count", Map.of("topic", topic, "type", "sync",
                "success", "false"))).isEqualTo(1.0);
        assertThat(sample(metrics, "kafka_producer_write_size_bytes_count", Map.of("topic", topic, "type", "async",
                "partition", "0", "client_id", SERVICE + "-default-async", "success", "true"))).isEqualTo(3.0);
    }

    @Test
    void kafkaClientMetersAreExposedForEachProducer() {
        sync.sendMessage("client-metrics", "k", "v");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String clientId : List.of(SERVICE + "-default-sync", SERVICE + "-default-async")) {
            assertThat(metrics).containsPattern("(?m)^kafka_producer_record_send_total\\{[^}]*client_id=\"" + clientId
                    + "\"");
        }
    }

    @Test
    void withoutOpenTelemetryRecordsCarryNoTraceHeader() {
        String topic = "untraced-" + UUID.randomUUID();
        sync.sendMessage(topic, "k", "v");
        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics(topic, 1)
                .awaitCompletion(Duration.ofSeconds(30)).getFirstRecord();
        assertThat(read.headers().toArray()).isEmpty();
    }

    /** The value of the one sample of the metric whose labels include all of {@code labels}. */
    private static double sample(List<String> metrics, String name, Map<String, String> labels) {
        List<String> lines = metrics.stream().filter(line -> line.startsWith(name + "{"))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .toList();
        assertThat(lines).as("%s with %s", name, labels).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
