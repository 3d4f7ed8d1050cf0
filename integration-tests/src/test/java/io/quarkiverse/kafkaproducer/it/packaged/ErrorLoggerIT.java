package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The packaged application's own error logger ({@code FileErrorLogger}) receives an async record's failure, and what
 * it received ({@code /failures}) names the producer, topic and cause, never the record's value.
 */
@QuarkusIntegrationTest
class ErrorLoggerIT {

    @Test
    void asyncFailureReachesTheApplicationsErrorLoggerWithoutTheValue() {
        String topic = "packaged-errors-" + UUID.randomUUID();
        // above the default max.request.size of 1 MiB: the client refuses it
        String value = "secret-" + "y".repeat(1_100_000);

        given().contentType(ContentType.TEXT).body(value).post("/produce/async/{topic}", topic)
                .then().statusCode(200);

        String[] body = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            body[0] = given().queryParam("topic", topic).get("/failures").then().statusCode(200).extract().asString();
            return !JsonPath.from(body[0]).getList("").isEmpty();
        });
        JsonPath failures = JsonPath.from(body[0]);
        assertThat(failures.getList("")).hasSize(1);
        assertThat(failures.getString("[0].producer")).isEqualTo("default");
        assertThat(failures.getString("[0].type")).isEqualTo("async");
        assertThat(failures.getString("[0].topic")).isEqualTo(topic);
        assertThat(failures.getBoolean("[0].retriable")).isFalse();
        assertThat(failures.getString("[0].cause")).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(failures.getString("[0].message")).contains(topic);
        assertThat(body[0]).doesNotContain("secret-").doesNotContain("yyyy");
    }
}
