package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The default async producer of the packaged application: every record handed over is stored. */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaCompanionResource.class)
class AsyncEndpointIT {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyRecordHandedOverIsStored() {
        String topic = "packaged-async-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 1);

        given().contentType(ContentType.TEXT).queryParam("count", 50).body("clicked")
                .post("/produce/async/{topic}", topic)
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> read = companion.consumeStrings().fromTopics(topic, 50)
                .awaitCompletion().getRecords();
        // one partition: in the order handed over
        assertThat(read).extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(String::valueOf).toList());
        assertThat(read).extracting(ConsumerRecord::value).containsOnly("clicked");
    }
}
