package io.quarkiverse.kafkaproducer.deployment.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * With {@code quarkus-opentelemetry}, every send is a PRODUCER span named {@code <topic> publish}, child of the
 * sender's current span (for a reactive send, the subscriber's), and the record the broker stores carries the span's W3C
 * {@code traceparent}. Spans are
 * exported to an in-memory exporter; records are read back from the Dev Services broker.
 */
class TracingTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(InMemoryExporter.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            // export each span as it ends, so that the test sees it at once
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

    /** Meters reach this registry through the global one: the application has no registry of its own here. */
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void addRegistry() {
        Metrics.addRegistry(REGISTRY);
    }

    @AfterAll
    static void removeRegistry() {
        Metrics.removeRegistry(REGISTRY);
    }

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    @Inject
    ReactiveProducer<String, String> reactive;

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void reset() {
        exporter.reset();
    }

    @Test
    void aSyncSendIsAProducerSpanWhoseContextTravelsInTheRecord() {
        String topic = "traced-" + UUID.randomUUID();
        Span parent = tracer.spanBuilder("request").startSpan();
        DeliveryReport report;
        try (Scope ignored = parent.makeCurrent()) {
            report = sync.sendMessage(topic, "k", "v");
        } finally {
            parent.end();
        }

        SpanData span = awaitSpan(topic + " publish");
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
        assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("kafka");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo(topic);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id")))
                .isEqualTo(String.valueOf(report.partition()));
        assertThat(span.getAttributes().get(AttributeKey.longKey("messaging.kafka.message.offset")))
                .isEqualTo(report.offset());
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        ConsumerRecord<String, String> stored = readBack(report);
        assertThat(traceparentOf(stored))
                .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
    }

    @Test
    void anAsyncSendWithoutCurrentSpanStartsATraceAndReusedHeadersAreNotDuplicated() {
        String topic = "traced-async-" + UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "k", "v");
        record.headers().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                .getBytes(StandardCharsets.UTF_8));
        async.sendMessage(record);
        async.sendMessage(record); // the same record again: its headers are read-only once sent
        async.flush();

        List<SpanData> spans = awaitSpans(topic + " publish", 2);
        assertThat(spans).allSatisfy(span -> {
            assertThat(span.getParentSpanContext().isValid()).as("a root span: no current context").isFalse();
            assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        });
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> stored = readAll(consumer, topic, 2);
            assertThat(stored).extracting(TracingTest::traceparentOf)
                    .as("each record carries its own span, in place of the caller's header")
                    .containsExactlyInAnyOrderElementsOf(spans.stream()
                            .map(s -> "00-" + s.getTraceId() + "-" + s.getSpanId() + "-01").toList());
            assertThat(stored).allSatisfy(r -> assertThat(r.headers().headers("traceparent")).hasSize(1));
        }
        assertThat(record.headers().headers("traceparent")).as("the caller's record is left as it was").hasSize(1);
    }

    @Test
    void aReactiveSendIsAChildOfTheSubscribersSpanNotOfTheAssemblersOne() {
        String topic = "traced-reactive-" + UUID.randomUUID();
        Span assembler = tracer.spanBuilder("assembly").startSpan();
        Uni<DeliveryReport> send;
        try (Scope ignored = assembler.makeCurrent()) {
            send = reactive.sendMessage(topic, "k", "v"); // lazy: nothing is sent, no span starts
        } finally {
            assembler.end();
        }
        Span subscriber = tracer.spanBuilder("request").startSpan();
        DeliveryReport report;
        try (Scope ignored = subscriber.makeCurrent()) {
            report = send.await().atMost(Duration.ofSeconds(30));
        } finally {
            subscriber.end();
        }

        SpanData span = awaitSpan(topic + " publish");
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getTraceId()).isEqualTo(subscriber.getSpanContext().getTraceId());
        assertThat(span.getParentSpanId()).isEqualTo(subscriber.getSpanContext().getSpanId());
        assertThat(traceparentOf(readBack(report)))
                .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
    }

    @Test
    void writeSizeCountsTheTraceContextHeadersAsTheyAreStored() {
        String topic = "traced-size-" + UUID.randomUUID();
        DeliveryReport report = sync.sendMessage(topic, "k", "v");

        ConsumerRecord<String, String> stored = readBack(report);
        int written = 1 + 1; // key and value
        for (Header header : stored.headers()) {
            written += header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
        }
        assertThat(written).as("the traceparent header is among what was written")
                .isGreaterThan(2 + "traceparent".length());
        DistributionSummary size = REGISTRY.get("kafka.producer.write.size").tag("topic", topic).summary();
        assertThat(size.count()).isEqualTo(1);
        assertThat(size.totalAmount()).isEqualTo(written);
    }

    @Test
    void aFailedSendEndsItsSpanWithErrorStatus() {
        String topic = "traced-failure-" + UUID.randomUUID();
        assertThatThrownBy(() -> sync.sendMessage(topic, "k", "x".repeat(1_100_000)))
                .isInstanceOf(ProducerException.class);

        SpanData span = awaitSpan(topic + " publish");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(span.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    private SpanData awaitSpan(String name) {
        return awaitSpans(name, 1).get(0);
    }

    private List<SpanData> awaitSpans(String name, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> spansNamed(name).size() >= count);
        List<SpanData> spans = spansNamed(name);
        assertThat(spans).hasSize(count);
        return spans;
    }

    private List<SpanData> spansNamed(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static String traceparentOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private ConsumerRecord<String, String> readBack(DeliveryReport report) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(report.topic(), report.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, report.offset());
            return consumer.poll(Duration.ofSeconds(30)).iterator().next();
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> consumer, String topic,
            int count) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
        });
        return records;
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new StringDeserializer());
    }
}
