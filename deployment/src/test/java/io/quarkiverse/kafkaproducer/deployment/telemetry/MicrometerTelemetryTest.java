package io.quarkiverse.kafkaproducer.deployment.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/**
 * The default beans with their {@code quarkus.kafka-producer.telemetry.*} and {@code error-logger.*} settings: Micrometer
 * meters with the contract's tags, the topic cap, the partition switch, the latency histogram and percentiles; the
 * Kafka client's own meters for each producer's client id; the rate-limited error log and its count of held-back
 * lines.
 */
class MicrometerTelemetryTest {

    private static final String TOO_LARGE = "x".repeat(1_100_000);

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(CapturedLog.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            // no traceparent header, so that record sizes are key and value only
            .overrideConfigKey("quarkus.kafka-producer.tracing.enabled", "false")
            .overrideConfigKey("quarkus.application.name", "shop")
            .overrideConfigKey("quarkus.kafka-producer.telemetry.max-topics", "2")
            .overrideConfigKey("quarkus.kafka-producer.telemetry.latency-histogram", "true")
            .overrideConfigKey("quarkus.kafka-producer.telemetry.latency-percentiles", "0.5,0.99")
            .overrideConfigKey("quarkus.kafka-producer.error-logger.lines-per-second", "2");

    /** The application has no registry of its own here; meters reach this one through the global registry. */
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    /** The distribution settings each latency timer was created with, by topic (a simple registry keeps no buckets). */
    static final Map<String, DistributionStatisticConfig> LATENCY_SETTINGS = new ConcurrentHashMap<>();

    @BeforeAll
    static void addRegistry() {
        REGISTRY.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("kafka.producer.write.latency")) {
                    LATENCY_SETTINGS.put(id.getTag("topic") + "/" + id.getTag("type"), config);
                }
                return config;
            }
        });
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
    @Identifier("capped")
    AsyncProducer<String, String> capped;

    @Test
    void metersCarryTheContractTags() {
        String topic = "meters-" + UUID.randomUUID();
        sync.sendMessage(topic, "k", "value");
        sync.sendMessage(topic, "k", "value");
        assertThatThrownBy(() -> sync.sendMessage(topic, "k", TOO_LARGE)).isInstanceOf(ProducerException.class);
        async.sendMessage(topic, "k", "value");
        async.flush();

        Timer syncOk = REGISTRY.get("kafka.producer.write.latency").tags("service", "shop", "topic", topic,
                "type", "sync", "client.id", "shop-default-sync", "success", "true").timer();
        assertThat(syncOk.count()).isEqualTo(2);
        assertThat(syncOk.getId().getTag("partition")).matches("\\d+");
        assertThat(REGISTRY.get("kafka.producer.write.latency").tags("topic", topic, "type", "sync", "success", "false")
                .timer().count()).isEqualTo(1);
        assertThat(REGISTRY.get("kafka.producer.write.size").tags("topic", topic, "type", "async", "client.id",
                "shop-default-async", "success", "true").summary().totalAmount())
                .as("key and value bytes").isEqualTo(6.0);
        assertThat(REGISTRY.get("kafka.producer.write.size").tags("topic", topic).summaries())
                .allSatisfy(s -> assertThat(s.getId().getBaseUnit()).isEqualTo("bytes"));

        HistogramSnapshot snapshot = syncOk.takeSnapshot();
        assertThat(snapshot.percentileValues()).extracting(p -> p.percentile()).containsExactly(0.5, 0.99);
        assertThat(LATENCY_SETTINGS.get(topic + "/sync").isPercentileHistogram()).isTrue();
    }

    @Test
    void topicsBeyondTheCapAreCountedAsOther() {
        String prefix = "capped-" + UUID.randomUUID() + "-";
        try (CapturedLog log = CapturedLog.of("io.quarkiverse.kafkaproducer")) {
            for (int i = 0; i < 4; i++) {
                capped.sendMessage(prefix + i, "k", "v");
                capped.sendMessage(prefix + i, "k", "v");
            }
            capped.flush();
            // the first two topics to settle keep their name; records settle in any order
            assertThat(REGISTRY.find("kafka.producer.write.latency").tag("client.id", "shop-capped-async").timers())
                    .extracting(t -> t.getId().getTag("topic")).hasSize(3).contains("other")
                    .filteredOn(topic -> topic.startsWith(prefix)).hasSize(2);
            assertThat(REGISTRY.get("kafka.producer.write.latency").tags("client.id", "shop-capped-async", "topic",
                    "other").timer().count()).isEqualTo(4);
            assertThat(log.messages()).filteredOn(m -> m.contains("wrote to more than 2 topics")).hasSize(1);
        }
    }

    @Test
    void kafkaClientMetricsAreBoundForEachProducer() {
        for (String clientId : List.of("shop-default-sync", "shop-default-async", "shop-capped-async")) {
            assertThat(REGISTRY.getMeters()).as(clientId)
                    .filteredOn(m -> clientId.equals(m.getId().getTag("client.id")))
                    .extracting(Meter::getId).extracting(Meter.Id::getName)
                    .contains("kafka.producer.record.send.total", "kafka.producer.connection.count");
        }
    }

    @Test
    void failuresAreLoggedRateLimitedAndTheRestIsCounted() {
        String topic = "logged-" + UUID.randomUUID();
        try (CapturedLog log = CapturedLog.of("io.quarkiverse.kafkaproducer")) {
            for (int i = 0; i < 10; i++) {
                async.sendMessage(topic, "k", TOO_LARGE);
            }
            async.flush();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<String> lines = log.errorsContaining("Kafka producer 'default' (async)");
                long logged = lines.stream().filter(l -> l.contains("topic '" + topic + "'")).count();
                long heldBack = lines.stream().filter(l -> l.contains("more failed records were not logged"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll(".*\\(async\\): (\\d+) more.*", "$1"))).sum();
                assertThat(logged).isBetween(1L, 4L);
                assertThat(logged + heldBack).isEqualTo(10);
            });
            assertThat(log.messages()).noneMatch(m -> m.contains("xxxxxxxx"));
        }
    }
}
