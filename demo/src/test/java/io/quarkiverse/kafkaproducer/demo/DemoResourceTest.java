package io.quarkiverse.kafkaproducer.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The README's quick start, against the Dev Services broker: each of its {@code curl -d} lines is sent as curl sends it
 * (a form-encoded body, as is), and answered as the README shows.
 */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class DemoResourceTest {

    /** A quick-start line, {@code $ curl -s -d <data> "localhost:8080<path>"}, and the answer shown below it. */
    private static final Pattern CURL = Pattern.compile(
            "^\\$ curl -s -d (\"[^\"]*\"|\\S+) \"localhost:8080(/demo/[^\"]+)\"\\R(\\{.*})$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @TestHTTPResource("/")
    URL application;

    @Test
    void theReadmesCurlLinesAreAnsweredAsItShows() throws Exception {
        List<QuickStartLine> lines = quickStartLines();
        assertThat(lines).as("the README's curl -d lines").hasSize(3);

        for (QuickStartLine line : lines) {
            HttpResponse<String> response = curl(line.path(), line.data());
            assertThat(response.statusCode()).as("%s answered %s", line.path(), response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            JsonNode shown = JSON.readTree(line.shownAnswer());
            assertThat(fieldNames(answer)).as("the fields of %s", line.path()).isEqualTo(fieldNames(shown));
            // the values that do not change from run to run: not the timestamp, nor how long the call took
            for (String field : List.of("topic", "partition", "offset", "records")) {
                assertThat(answer.get(field)).as("%s of %s", field, line.path()).isEqualTo(shown.get(field));
            }
        }

        List<ConsumerRecord<String, String>> orders = companion.consumeStrings().fromTopics("orders", 2)
                .awaitCompletion(Duration.ofSeconds(30)).getRecords();
        assertThat(orders).extracting(ConsumerRecord::key).containsExactly("order-1", "order-1");
        // the body as curl sent it: form encoding changes nothing
        assertThat(orders).extracting(ConsumerRecord::value).containsExactly("hello", "hello again");
        assertThat(companion.consumeStrings().fromTopics("clicks", 100_000)
                .awaitCompletion(Duration.ofSeconds(120)).getRecords())
                .hasSize(100_000)
                .allSatisfy(record -> assertThat(record.value()).isEqualTo("click"));
    }

    @Test
    void metricsShowEverySyncRecord() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(curl("/demo/sync/demo-metrics", "m" + i).statusCode()).isEqualTo(200);
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("kafka_producer_write_latency_seconds_count\\{[^}]*topic=\"demo-metrics\""
                + "[^}]*type=\"sync\"[^}]*} 3");
        assertThat(metrics).containsPattern("kafka_producer_write_size_bytes_count\\{[^}]*topic=\"demo-metrics\"");
        assertThat(metrics).contains("kafka_producer_write_latency_seconds_bucket{");
    }

    /** Sends what {@code curl -s -d <data> <url>} sends: a POST of the data as is, declared form-encoded. */
    private HttpResponse<String> curl(String path, String data) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(application.toString()).resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofString(data))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<QuickStartLine> quickStartLines() throws IOException {
        Matcher matcher = CURL.matcher(Files.readString(Path.of("../README.md")));
        List<QuickStartLine> lines = new ArrayList<>();
        while (matcher.find()) {
            String data = matcher.group(1);
            lines.add(new QuickStartLine(data.startsWith("\"") ? data.substring(1, data.length() - 1) : data,
                    matcher.group(2), matcher.group(3)));
        }
        return lines;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record QuickStartLine(String data, String path, String shownAnswer) {
    }
}
