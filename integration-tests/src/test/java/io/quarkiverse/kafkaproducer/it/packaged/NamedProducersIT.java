package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Named producers of the packaged application: a Java record written as JSON, and a serializer configured by class
 * name. In a native executable both rely on what the extension registered for reflection.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaCompanionResource.class)
class NamedProducersIT {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void recordValueIsStoredAsJsonWithItsNestedRecords() {
        String topic = "packaged-orders-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 1);

        JsonPath report = given().queryParam("id", "o-17").queryParam("sku", "apple").queryParam("quantity", 3)
                .post("/produce/named/orders/{topic}", topic)
                .then().statusCode(200).extract().jsonPath();

        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics(topic, 1).awaitCompletion()
                .getFirstRecord();
        assertThat(read.offset()).isEqualTo(report.getLong("offset"));
        assertThat(read.key()).isEqualTo("o-17");
        JsonPath stored = JsonPath.from(read.value());
        assertThat(stored.getMap("")).containsOnlyKeys("id", "lines");
        assertThat(stored.getString("id")).isEqualTo("o-17");
        assertThat(stored.getList("lines")).containsExactly(Map.of("sku", "apple", "quantity", 3));
    }

    @Test
    void configuredSerializerWritesTheValue() {
        String topic = "packaged-shouting-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 1);

        given().contentType(ContentType.TEXT).queryParam("key", "k").body("quiet please")
                .post("/produce/named/shouting/{topic}", topic)
                .then().statusCode(200);

        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics(topic, 1).awaitCompletion()
                .getFirstRecord();
        assertThat(read.key()).isEqualTo("k");
        assertThat(read.value()).isEqualTo("QUIET PLEASE");
    }
}
