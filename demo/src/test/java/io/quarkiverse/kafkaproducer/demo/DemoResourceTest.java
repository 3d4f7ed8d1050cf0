package io.quarkiverse.kafkaproducer.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The README's curl lines, against the Dev Services broker. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class DemoResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void syncAnswersWithTheDeliveryReport() {
        given().contentType(ContentType.TEXT).body("hello").queryParam("key", "k1")
                .when().post("/demo/sync/demo-sync")
                .then().statusCode(200)
                .body("topic", equalTo("demo-sync"))
                .body("partition", equalTo(0))
                .body("offset", greaterThanOrEqualTo(0))
                .body("timestamp", notNullValue());

        ConsumerRecord<String, String> record = companion.consumeStrings().fromTopics("demo-sync", 1)
                .awaitCompletion(Duration.ofSeconds(30)).getFirstRecord();
        assertThat(record.key()).isEqualTo("k1");
        assertThat(record.value()).isEqualTo("hello");
    }

    @Test
    void asyncHandsOverCountRecordsThatAllArrive() {
        given().contentType(ContentType.TEXT).body("click").queryParam("count", 1000)
                .when().post("/demo/async/demo-async")
                .then().statusCode(200)
                .body("topic", equalTo("demo-async"))
                .body("records", equalTo(1000));

        List<ConsumerRecord<String, String>> records = companion.consumeStrings().fromTopics("demo-async", 1000)
                .awaitCompletion(Duration.ofSeconds(60)).getRecords();
        assertThat(records).hasSize(1000).allSatisfy(r -> assertThat(r.value()).isEqualTo("click"));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString).toList());
    }

    @Test
    void metricsShowEverySyncRecord() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.TEXT).body("m" + i).when().post("/demo/sync/demo-metrics")
                    .then().statusCode(200);
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("kafka_producer_write_latency_seconds_count\\{[^}]*topic=\"demo-metrics\""
                + "[^}]*type=\"sync\"[^}]*} 3");
        assertThat(metrics).containsPattern("kafka_producer_write_size_bytes_count\\{[^}]*topic=\"demo-metrics\"");
        assertThat(metrics).contains("kafka_producer_write_latency_seconds_bucket{");
    }
}
