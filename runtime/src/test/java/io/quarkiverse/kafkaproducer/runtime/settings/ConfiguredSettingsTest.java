package io.quarkiverse.kafkaproducer.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.RequiredAcks;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The precedence of a producer's settings, lowest first: the global {@code kafka.*} configuration, the default
 * producer of the type, the named producer; per-producer {@code kafka."prop"} entries merge the same way.
 */
class ConfiguredSettingsTest {

    private static final Map<String, Object> GLOBAL_KAFKA = Map.of("bootstrap.servers", "broker:9092",
            "compression.type", "snappy", "linger.ms", "7");

    @Test
    void reactiveProducersTakeTheAsyncKeysAndMaxInFlightWithTheSameFallback() {
        ConfiguredSettings resolver = resolver(Map.of(
                "quarkus.kafka-producer.reactive.max-in-flight", "64",
                "quarkus.kafka-producer.reactive.queue-size", "500",
                "quarkus.kafka-producer.reactive.\"audit\".max-in-flight", "8"));

        ProducerSettings audit = resolver.of(ProducerType.REACTIVE, "audit", "svc", GLOBAL_KAFKA);
        assertThat(audit.maxInFlight()).isEqualTo(8); // its own
        assertThat(audit.queueSize()).isEqualTo(500); // the default reactive producer's
        assertThat(resolver.of(ProducerType.REACTIVE, "orders", "svc", GLOBAL_KAFKA).maxInFlight()).isEqualTo(64);
        assertThat(resolver(Map.of()).of(ProducerType.REACTIVE, KafkaProducerRuntimeConfig.DEFAULT_PRODUCER, "svc",
                GLOBAL_KAFKA).maxInFlight()).isEqualTo(1024);
        // async defaults: batches of 1 MiB, linger 5 ms (the global kafka.* linger.ms wins here)
        assertThat(ClientSettings.resolve(audit).kafkaConfig()).containsEntry("batch.size", 1024 * 1024)
                .containsEntry("client.id", "svc-audit-reactive");
    }

    @Test
    void namedProducerFallsBackKeyByKeyToTheDefaultProducer() {
        ConfiguredSettings resolver = resolver(Map.of(
                "quarkus.kafka-producer.sync.retry-max", "7",
                "quarkus.kafka-producer.sync.delivery-timeout", "45s",
                "quarkus.kafka-producer.sync.kafka.\"compression.type\"", "lz4",
                "quarkus.kafka-producer.sync.kafka.\"batch.size\"", "1000",
                "quarkus.kafka-producer.sync.\"payments\".required-acks", "leader",
                "quarkus.kafka-producer.sync.\"payments\".retry-max", "2",
                "quarkus.kafka-producer.sync.\"payments\".kafka.\"compression.type\"", "gzip"));

        ProducerSettings payments = resolver.of(ProducerType.SYNC, "payments", "svc", GLOBAL_KAFKA);

        assertThat(payments.name()).isEqualTo("payments");
        assertThat(payments.retryMax()).isEqualTo(2); // its own
        assertThat(payments.requiredAcks()).isEqualTo(RequiredAcks.LEADER); // its own
        assertThat(payments.deliveryTimeout()).isEqualTo(Duration.ofSeconds(45)); // the default producer's
        Map<String, ?> overrides = payments.kafkaOverrides();
        assertThat(overrides.get("compression.type")).isEqualTo("gzip"); // its own wins
        assertThat(overrides.get("batch.size")).isEqualTo("1000"); // the default producer's

        Map<String, Object> kafka = ClientSettings.resolve(payments).kafkaConfig();
        assertThat(kafka).containsEntry("compression.type", "gzip")
                .containsEntry("linger.ms", "7") // global kafka.* over the sync default of 0
                .containsEntry("acks", "1")
                .containsEntry("retries", 2)
                // the inherited delivery-timeout is reconciled as the producer's own: two thirds for the client, and
                // a request timeout derived to fit
                .containsEntry("delivery.timeout.ms", 30_000)
                .containsEntry("request.timeout.ms", (30_000 - 7) / 2)
                .containsEntry("client.id", "svc-payments-sync");
    }

    @Test
    void aNamedProducerInheritingADeliveryTimeoutAndARequestTimeoutThatConflictIsRefusedNamingBoth() {
        ConfiguredSettings resolver = resolver(Map.of(
                "quarkus.kafka-producer.async.delivery-timeout", "15s",
                "quarkus.kafka-producer.async.\"clicks\".kafka.\"request.timeout.ms\"", "60000"));
        ProducerSettings clicks = resolver.of(ProducerType.ASYNC, "clicks", "svc", Map.of("bootstrap.servers", "b:1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientSettings.resolve(clicks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Kafka producer 'clicks' (async)")
                .hasMessageContaining("delivery-timeout (delivery.timeout.ms) = 15000 ms and request.timeout.ms = 60000 ms");
    }

    @Test
    void defaultProducerTakesItsOwnKeysAndIsCalledDefault() {
        ConfiguredSettings resolver = resolver(Map.of(
                "quarkus.kafka-producer.async.overflow-policy", "block",
                "quarkus.kafka-producer.async.queue-size", "500",
                "quarkus.kafka-producer.async.\"clicks\".overflow-timeout", "2s"));

        ProducerSettings defaultAsync = resolver.of(ProducerType.ASYNC, KafkaProducerRuntimeConfig.DEFAULT_PRODUCER,
                "svc", GLOBAL_KAFKA);
        ProducerSettings clicks = resolver.of(ProducerType.ASYNC, "clicks", "svc", GLOBAL_KAFKA);

        assertThat(defaultAsync.name()).isEqualTo("default");
        assertThat(defaultAsync.overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
        assertThat(defaultAsync.overflowTimeout()).isNull(); // the engine's default
        assertThat(clicks.overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
        assertThat(clicks.queueSize()).isEqualTo(500);
        assertThat(clicks.overflowTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void syncAndAsyncProducersOfOneNameAreConfiguredApart() {
        ConfiguredSettings resolver = resolver(Map.of(
                "quarkus.kafka-producer.sync.retry-max", "1",
                "quarkus.kafka-producer.async.\"audit\".telemetry-enabled", "false"));

        assertThat(resolver.of(ProducerType.ASYNC, "audit", "svc", GLOBAL_KAFKA).retryMax()).isNull();
        assertThat(resolver.telemetryEnabled(ProducerType.ASYNC, "audit")).isFalse();
        assertThat(resolver.telemetryEnabled(ProducerType.SYNC, "audit")).isTrue();
    }

    private static ConfiguredSettings resolver(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaProducerRuntimeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return new ConfiguredSettings(config.getConfigMapping(KafkaProducerRuntimeConfig.class));
    }
}
