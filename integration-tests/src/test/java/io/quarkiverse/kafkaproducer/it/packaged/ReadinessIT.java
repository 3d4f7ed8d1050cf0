package io.quarkiverse.kafkaproducer.it.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The packaged application's readiness includes the producers' check, UP against the running broker. */
@QuarkusIntegrationTest
class ReadinessIT {

    @Test
    void producersAreReady() {
        Response[] response = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            response[0] = given().get("/q/health/ready");
            return response[0].statusCode() == 200;
        });
        JsonPath ready = response[0].jsonPath();
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getString("checks.find { it.name == 'Kafka producers' }.status")).isEqualTo("UP");
        assertThat(ready.getMap("checks.find { it.name == 'Kafka producers' }.data"))
                .containsEntry("sync/default", "UP").containsEntry("async/default", "UP")
                .containsEntry("reactive/default", "UP").containsEntry("sync/orders", "UP")
                .containsEntry("transactional/default", "UP");
    }
}
