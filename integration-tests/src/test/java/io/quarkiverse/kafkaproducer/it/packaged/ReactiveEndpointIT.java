package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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

/** The default reactive producer of the packaged application, behind an endpoint that runs on the event loop. */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaCompanionResource.class)
class ReactiveEndpointIT {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void endpointAnswersWhereTheRecordIsStored() {
        String topic = "packaged-reactive-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 2);

        JsonPath report = given().contentType(ContentType.TEXT).queryParam("key", "r-1").body("reacted")
                .post("/produce/reactive/{topic}", topic)
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("topic")).isEqualTo(topic);
        assertThat(report.getLong("offset")).isZero();
        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics(topic, 1).awaitCompletion()
                .getFirstRecord();
        assertThat(read.partition()).isEqualTo(report.getInt("partition"));
        assertThat(read.key()).isEqualTo("r-1");
        assertThat(read.value()).isEqualTo("reacted");
    }
}
