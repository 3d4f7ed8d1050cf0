package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

/** The default sync producer of the packaged application: the record is stored where the endpoint answered. */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaCompanionResource.class)
class SyncEndpointIT {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void recordIsStoredWithItsKeyAndValueWhereTheReportSays() {
        String topic = "packaged-sync-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 3);

        JsonPath first = send(topic, "key-1", "value-1");
        JsonPath second = send(topic, "key-1", "value-2");

        assertThat(first.getString("topic")).isEqualTo(topic);
        // the same key, the same partition: the second record follows the first
        assertThat(second.getInt("partition")).isEqualTo(first.getInt("partition"));
        assertThat(second.getLong("offset")).isEqualTo(first.getLong("offset") + 1);
        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics(topic, 2).awaitCompletion()
                .getRecords().get(1);
        assertThat(read.partition()).isEqualTo(second.getInt("partition"));
        assertThat(read.offset()).isEqualTo(second.getLong("offset"));
        assertThat(read.key()).isEqualTo("key-1");
        assertThat(read.value()).isEqualTo("value-2");
        assertThat(Instant.parse(second.getString("timestamp")).toEpochMilli()).isEqualTo(read.timestamp());
    }

    private static JsonPath send(String topic, String key, String value) {
        return given().contentType(ContentType.TEXT).queryParam("key", key).body(value)
                .post("/produce/sync/{topic}", topic)
                .then().statusCode(200).extract().jsonPath();
    }
}
