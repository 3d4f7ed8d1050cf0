package io.quarkiverse.kafkaproducer.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The producers' readiness check follows the broker: UP while it runs, DOWN once it is stopped, UP again after a
 * restart; it answers from cached results (health.interval=1s, health.timeout=2s in application.properties) and shows no
 * settings.
 */
@QuarkusTest
@TestProfile(ControlledBrokerProfile.class)
class ProducerHealthTest {

    @AfterEach
    void brokerIsBack() {
        if (!ControlledBroker.cluster().isRunning(ControlledBroker.NODE)) {
            ControlledBroker.cluster().restart(ControlledBroker.NODE);
        }
    }

    @Test
    void readinessFollowsTheBroker() {
        JsonPath up = awaitReadiness(200);
        assertThat(up.getString("checks.find { it.name == 'Kafka producers' }.status")).isEqualTo("UP");
        assertThat(up.getMap("checks.find { it.name == 'Kafka producers' }.data"))
                .containsEntry("sync/default", "UP").containsEntry("async/default", "UP")
                .containsEntry("sync/short", "UP");

        ControlledBroker.cluster().stop(ControlledBroker.NODE);
        JsonPath down = awaitReadiness(503);
        assertThat(down.getString("checks.find { it.name == 'Kafka producers' }.status")).isEqualTo("DOWN");
        assertThat(down.getMap("checks.find { it.name == 'Kafka producers' }.data"))
                .containsEntry("sync/default", "DOWN: TimeoutException");
        String port = ControlledBroker.cluster().bootstrapServers().replaceAll(".*:", "");
        assertThat(down.prettify()).doesNotContain(port).doesNotContain("127.0.0.1");

        ControlledBroker.cluster().restart(ControlledBroker.NODE);
        awaitReadiness(200);
    }

    @Test
    void aHealthRequestNeverWaitsForKafka() {
        awaitReadiness(200); // also warms up the health endpoint, whose first request is slow on its own
        ControlledBroker.cluster().stop(ControlledBroker.NODE);
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            given().get("/q/health/ready");
            // the probe itself may take 2s (health.timeout); the request must not wait for it
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    private static JsonPath awaitReadiness(int status) {
        JsonPath[] body = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            io.restassured.response.Response response = given().get("/q/health/ready");
            body[0] = response.jsonPath();
            return response.statusCode() == status;
        });
        return body[0];
    }
}
