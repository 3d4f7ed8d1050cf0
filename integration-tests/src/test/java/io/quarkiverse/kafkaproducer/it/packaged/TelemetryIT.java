package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The packaged application's write meters at {@code /q/metrics}, counted per outcome. */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaCompanionResource.class)
class TelemetryIT {

    private static final String SERVICE = "quarkus-kafka-producer-integration-tests";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void writeMetersCountDeliveredAndFailedRecords() {
        String topic = "packaged-metrics-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 1);
        Map<String, String> delivered = Map.of("service", SERVICE, "topic", topic, "partition", "0", "type", "sync",
                "client_id", SERVICE + "-default-sync", "success", "true");

        send(topic, "value", 200);
        assertThat(sample("kafka_producer_write_latency_seconds_count", delivered)).isEqualTo(1.0);
        send(topic, "value", 200);
        // above the default max.request.size of 1 MiB: refused by the client, an answer of 500
        send(topic, "x".repeat(1_100_000), 500);

        assertThat(sample("kafka_producer_write_latency_seconds_count", delivered)).isEqualTo(2.0);
        // key "k" and value "value", 6 bytes each
        assertThat(sample("kafka_producer_write_size_bytes_sum", delivered)).isEqualTo(12.0);
        assertThat(sample("kafka_producer_write_latency_seconds_count",
                Map.of("topic", topic, "type", "sync", "success", "false"))).isEqualTo(1.0);
    }

    private static void send(String topic, String value, int status) {
        given().contentType(ContentType.TEXT).queryParam("key", "k").body(value).post("/produce/sync/{topic}", topic)
                .then().statusCode(status);
    }

    /** The value of the one sample of the metric whose labels include all of {@code labels}. */
    private static double sample(String name, Map<String, String> labels) {
        List<String> lines = Arrays.stream(given().get("/q/metrics").then().statusCode(200).extract().asString()
                .split("\n"))
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .toList();
        assertThat(lines).as("%s with %s", name, labels).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
