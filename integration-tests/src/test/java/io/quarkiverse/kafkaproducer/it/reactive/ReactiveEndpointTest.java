package io.quarkiverse.kafkaproducer.it.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A RESTEasy Reactive endpoint returning {@code Uni<DeliveryReport>}, under 2,000 requests with 100 at a time: every
 * answer names the stored record, as an independent consumer reads it, and every continuation ran on an event loop.
 */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class ReactiveEndpointTest {

    private static final int REQUESTS = 2_000;
    private static final int CONCURRENCY = 100;

    @TestHTTPResource("/produce/reactive/reactive-http")
    URL endpoint;

    @Inject
    ReactiveResource.Continuations continuations;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ObjectMapper json;

    @Test
    void everyAnswerNamesTheStoredRecordAndEveryContinuationRanOnAnEventLoop() throws Exception {
        companion.topics().createAndWait("reactive-http", 3);
        long onEventLoopBefore = continuations.onEventLoop();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?key=k" + i))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("value-" + i))
                    .timeout(Duration.ofSeconds(60)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release()));
        }

        Map<String, String> answered = new HashMap<>(); // partition/offset -> the value its request sent
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = answers.get(i).get();
            assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
            DeliveryReport report = json.readValue(response.body(), DeliveryReport.class);
            assertThat(report.topic()).isEqualTo("reactive-http");
            assertThat(report.timestamp()).isNotNull();
            assertThat(answered.put(report.partition() + "/" + report.offset(), "value-" + i))
                    .as("two answers name the same position").isNull();
        }

        List<ConsumerRecord<String, String>> stored = companion.consumeStrings().fromTopics("reactive-http", REQUESTS)
                .awaitCompletion(Duration.ofMinutes(1)).getRecords();
        Map<String, String> read = new HashMap<>();
        stored.forEach(record -> read.put(record.partition() + "/" + record.offset(), record.value()));
        assertThat(read).isEqualTo(answered);
        assertThat(continuations.onEventLoop() - onEventLoopBefore).isEqualTo(REQUESTS);
        assertThat(continuations.elsewhere()).isZero();
    }
}
