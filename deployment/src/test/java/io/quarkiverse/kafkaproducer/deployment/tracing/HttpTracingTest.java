package io.quarkiverse.kafkaproducer.deployment.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * A RESTEasy Reactive endpoint returning the reactive producer's {@code Uni}: the record's PRODUCER span is a child of
 * the HTTP request's SERVER span, and the record the broker stores carries the request's trace id in its
 * {@code traceparent}, whether the request started the trace or came with one.
 */
class HttpTracingTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(InMemoryExporter.class, RecordsResource.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("quarkus.otel.metrics.enabled", "false")
            .overrideConfigKey("quarkus.otel.logs.enabled", "false");

    @ApplicationScoped
    public static class InMemoryExporter {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Path("/records")
    public static class RecordsResource {

        @Inject
        ReactiveProducer<String, String> producer;

        @POST
        @Path("/{topic}")
        public Uni<String> send(@PathParam("topic") String topic, String body) {
            return producer.sendMessage(topic, body).map(report -> report.partition() + "/" + report.offset());
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void reset() {
        exporter.reset();
    }

    @Test
    void aRequestThatStartsATraceCarriesItsTraceIdIntoTheStoredRecord() {
        String topic = "http-traced-" + UUID.randomUUID();
        String answer = given().body("v").post("/records/" + topic).then().statusCode(200).extract().asString();

        SpanData server = awaitSpan(SpanKind.SERVER, "POST /records/{topic}");
        SpanData producer = awaitSpan(SpanKind.PRODUCER, topic + " publish");
        assertThat(producer.getTraceId()).isEqualTo(server.getTraceId());
        assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(traceparentOf(readBack(topic, answer)))
                .isEqualTo("00-" + server.getTraceId() + "-" + producer.getSpanId() + "-01");
    }

    @Test
    void aRequestThatCameWithATraceContinuesItIntoTheStoredRecord() {
        String topic = "http-traced-incoming-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String answer = given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").body("v")
                .post("/records/" + topic).then().statusCode(200).extract().asString();

        SpanData server = awaitSpan(SpanKind.SERVER, "POST /records/{topic}");
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        SpanData producer = awaitSpan(SpanKind.PRODUCER, topic + " publish");
        assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(traceparentOf(readBack(topic, answer)))
                .isEqualTo("00-" + traceId + "-" + producer.getSpanId() + "-01");
    }

    private SpanData awaitSpan(SpanKind kind, String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> spans(kind, name).size() == 1);
        return spans(kind, name).get(0);
    }

    private List<SpanData> spans(SpanKind kind, String name) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == kind && s.getName().equals(name)).toList();
    }

    private static String traceparentOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The record the answer names, {@code partition/offset}, as the broker stored it. */
    private ConsumerRecord<String, String> readBack(String topic, String answer) {
        String[] where = answer.split("/");
        TopicPartition partition = new TopicPartition(topic, Integer.parseInt(where[0]));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, Long.parseLong(where[1]));
            ConsumerRecord<String, String> stored = consumer.poll(Duration.ofSeconds(30)).iterator().next();
            assertThat(stored.value()).isEqualTo("v");
            return stored;
        }
    }
}
