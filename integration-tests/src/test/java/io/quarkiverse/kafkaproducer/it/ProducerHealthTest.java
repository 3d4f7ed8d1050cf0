package io.quarkiverse.kafkaproducer.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;

/**
 * The producers' readiness check follows the broker: UP while it runs, DOWN once it is stopped, UP again after a
 * restart; it answers from cached results (health.interval=1s, health.timeout=2s in application.properties) and shows no
 * settings.
 */
@QuarkusTest
@TestProfile(ControlledBrokerProfile.class)
class ProducerHealthTest {

    /** delivery-timeout=5s in application.properties */
    @Inject
    @Identifier("short")
    AsyncProducer<String, String> shortTimeout;

    @Inject
    RecordingErrorLogger errors;

    @AfterEach
    void brokerIsBack() {
        ControlledBroker.ensureRunning();
    }

    @Test
    void readinessAndFailureMetersFollowTheBrokerAndRequestsNeverWait() {
        String topic = "health-" + UUID.randomUUID();
        shortTimeout.sendMessage(topic, "k", "warm-up");
        shortTimeout.flush();
        JsonPath up = awaitReadiness(200);
        assertThat(up.getString("checks.find { it.name == 'Kafka producers' }.status")).isEqualTo("UP");
        assertThat(up.getMap("checks.find { it.name == 'Kafka producers' }.data"))
                .containsEntry("sync/default", "UP").containsEntry("async/default", "UP")
                .containsEntry("sync/short", "UP").containsEntry("transactional/default", "UP");

        ControlledBroker.cluster().stop(ControlledBroker.NODE);
        JsonPath down = awaitReadiness(503);
        assertThat(down.getString("checks.find { it.name == 'Kafka producers' }.status")).isEqualTo("DOWN");
        assertThat(down.getMap("checks.find { it.name == 'Kafka producers' }.data"))
                .containsEntry("sync/default", "DOWN: TimeoutException")
                .containsEntry("transactional/default", "DOWN: TimeoutException");
        String port = ControlledBroker.cluster().bootstrapServers().replaceAll(".*:", "");
        assertThat(down.prettify()).doesNotContain(port).doesNotContain("127.0.0.1");

        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            given().get("/q/health/ready").then().statusCode(503);
            // a probe itself may take 2s (health.timeout); a request answers from the last result
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }

        shortTimeout.sendMessage(topic, "k", "lost");
        await().atMost(Duration.ofSeconds(30)).until(() -> !errors.errorsFor(topic).isEmpty());
        assertThat(errors.errorsFor(topic)).singleElement().satisfies(e -> {
            assertThat(e.producerName()).isEqualTo("short");
            assertThat(e.isRetriable()).isTrue();
        });
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("(?m)^kafka_producer_write_latency_seconds_count\\{(?=[^}]*topic=\"" + topic
                        + "\")(?=[^}]*type=\"async\")(?=[^}]*success=\"false\")[^}]*} 1\\.0$");

        ControlledBroker.cluster().restart(ControlledBroker.NODE);
        awaitReadiness(200);
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
