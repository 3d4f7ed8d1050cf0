package io.quarkiverse.kafkaproducer.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The Reactive page's endpoint: it answers with where the click landed, and a replay with how many were sent. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class ClickResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void clickAnswersWithWhereTheRecordLanded() {
        int offset = given().contentType("text/plain").body("/home").post("/clicks/alice")
                .then().statusCode(200).extract().path("offset");
        ConsumerRecord<String, String> record = companion.consumeStrings().fromTopics("clicks", 1)
                .awaitCompletion(Duration.ofSeconds(30)).getFirstRecord();
        assertThat(record.offset()).isEqualTo(offset);
        assertThat(record.key()).isEqualTo("alice");
        assertThat(record.value()).isEqualTo("/home");
    }

    @Test
    void replaySendsEveryPageOfTheStream() {
        String sent = given().contentType("application/json").body("[\"/a\",\"/b\",\"/c\"]").post("/clicks/replay")
                .then().statusCode(200).extract().asString();
        assertThat(sent).isEqualTo("3");
        assertThat(companion.consumeStrings().fromTopics("clicks-replay", 3).awaitCompletion(Duration.ofSeconds(30))
                .getRecords()).extracting(ConsumerRecord::value).containsExactly("/a", "/b", "/c");
    }
}
