package io.quarkiverse.kafkaproducer.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.RequiredAcks;

class ClientSettingsTest {

    private static ProducerSettings spec(ProducerType type) {
        return new ProducerSettings("orders", type).serviceName("shop")
                .baseConfig(Map.of("bootstrap.servers", "localhost:9092"));
    }

    private static Map<String, Object> config(ProducerSettings spec) {
        return ClientSettings.resolve(spec).kafkaConfig();
    }

    @Test
    void syncDefaults() {
        ClientSettings resolved = ClientSettings.resolve(spec(ProducerType.SYNC));
        assertThat(resolved.kafkaConfig())
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 0)
                .containsEntry("batch.size", 262_144)
                .containsEntry("max.block.ms", 0)
                .containsEntry("key.serializer", ByteArraySerializer.class.getName())
                .containsEntry("value.serializer", ByteArraySerializer.class.getName())
                .containsEntry("client.id", "shop-orders-sync")
                // two thirds of the default delivery-timeout of 120 s; the rest bounds the wait in the queue
                .containsEntry("delivery.timeout.ms", 80_000)
                .containsEntry("request.timeout.ms", 30_000)
                .doesNotContainKey("retries")
                .doesNotContainKey("max.in.flight.requests.per.connection");
        assertThat(resolved.clientId()).isEqualTo("shop-orders-sync");
        assertThat(resolved.deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(resolved.queueTimeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(resolved.retryBackoff()).isEqualTo(Duration.ofMillis(100));
    }

    /** Kafka's own parser accepts every resolved configuration (it refuses, say, a Long for an INT property). */
    @Test
    void kafkaAcceptsTheResolvedConfiguration() {
        for (ProducerSettings spec : List.of(spec(ProducerType.SYNC), spec(ProducerType.ASYNC),
                spec(ProducerType.SYNC).requiredAcks(RequiredAcks.LEADER).retryMax(3)
                        .retryBackoff(Duration.ofMillis(20)).deliveryTimeout(Duration.ofSeconds(40)),
                spec(ProducerType.ASYNC).retryMax(0).kafkaOverrides(Map.of("linger.ms", "10", "batch.size", 5)))) {
            Map<String, Object> config = config(spec);
            ProducerConfig parsed = new ProducerConfig(config);
            assertThat(parsed.getInt("delivery.timeout.ms")).isPositive();
            assertThat(parsed.getLong("max.block.ms")).isZero();
        }
    }

    @Test
    void asyncDefaults() {
        assertThat(config(spec(ProducerType.ASYNC).serviceName(null)))
                .containsEntry("batch.size", 1_048_576)
                .containsEntry("linger.ms", 5)
                .containsEntry("client.id", "orders-async")
                .containsEntry("enable.idempotence", true);
    }

    @Test
    void reactiveDefaultsAreAsyncBatchesWithAMillisecondOfLingering() {
        assertThat(config(spec(ProducerType.REACTIVE).serviceName(null)))
                .containsEntry("batch.size", 1_048_576)
                .containsEntry("linger.ms", 1)
                .containsEntry("client.id", "orders-reactive")
                .containsEntry("enable.idempotence", true);
        assertThat(config(spec(ProducerType.REACTIVE).kafkaOverrides(Map.of("linger.ms", "5"))))
                .containsEntry("linger.ms", "5");
    }

    @Test
    void typedSettingsAndOverridesApply() {
        Map<String, Object> config = config(spec(ProducerType.SYNC).retryMax(3).retryBackoff(Duration.ofMillis(250))
                .deliveryTimeout(Duration.ofSeconds(60))
                .kafkaOverrides(Map.of("linger.ms", "2", "client.id", "mine", "max.block.ms", "60000")));
        assertThat(config).containsEntry("retries", 3).containsEntry("retry.backoff.ms", 250)
                .containsEntry("delivery.timeout.ms", 40_000).containsEntry("linger.ms", "2")
                .containsEntry("client.id", "mine").containsEntry("max.block.ms", 0);
    }

    @Test
    void globalKafkaConfigIsOverriddenByProducerProperties() {
        ProducerSettings spec = spec(ProducerType.ASYNC)
                .baseConfig(Map.of("bootstrap.servers", "a:1", "compression.type", "lz4", "linger.ms", "20"))
                .kafkaOverrides(Map.of("linger.ms", "50"));
        assertThat(config(spec)).containsEntry("compression.type", "lz4").containsEntry("linger.ms", "50");
    }

    @Test
    void leaderAcksTurnIdempotenceOffAndKeepOneRequestInFlight() {
        assertThat(config(spec(ProducerType.SYNC).requiredAcks(RequiredAcks.LEADER)))
                .containsEntry("acks", "1")
                .containsEntry("enable.idempotence", false)
                .containsEntry("max.in.flight.requests.per.connection", 1);
    }

    @Test
    void noRetriesTurnIdempotenceOff() {
        assertThat(config(spec(ProducerType.SYNC).retryMax(0)))
                .containsEntry("enable.idempotence", false)
                .containsEntry("max.in.flight.requests.per.connection", 1);
    }

    @Test
    void asyncWithoutIdempotenceKeepsKafkaInFlightDefault() {
        assertThat(config(spec(ProducerType.ASYNC).requiredAcks(RequiredAcks.NONE)))
                .containsEntry("acks", "0")
                .containsEntry("enable.idempotence", false)
                .doesNotContainKey("max.in.flight.requests.per.connection");
    }

    @Test
    void refusesSeveralInFlightRequestsWithoutIdempotence() {
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).requiredAcks(RequiredAcks.LEADER)
                .kafkaOverrides(Map.of("max.in.flight.requests.per.connection", "5"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders' (sync)")
                .hasMessageContaining("max.in.flight.requests.per.connection=5")
                .hasMessageContaining("acks=1");
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC)
                .kafkaOverrides(Map.of("enable.idempotence", "false", "max.in.flight.requests.per.connection", 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.in.flight.requests.per.connection=3")
                .hasMessageContaining("enable.idempotence=false");
    }

    @Test
    void refusesExplicitIdempotenceThatCannotWork() {
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).requiredAcks(RequiredAcks.LEADER)
                .kafkaOverrides(Map.of("enable.idempotence", "true"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enable.idempotence=true")
                .hasMessageContaining("acks=1 (required-acks)");
        assertThatThrownBy(() -> config(spec(ProducerType.ASYNC).retryMax(0)
                .kafkaOverrides(Map.of("enable.idempotence", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retries=0 (retry-max)");
    }

    @Test
    void refusesATypedSettingContradictedByAKafkaProperty() {
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).requiredAcks(RequiredAcks.LEADER)
                .kafkaOverrides(Map.of("acks", "all"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acks=all")
                .hasMessageContaining("required-acks (acks=1)");
        // the same value twice is fine, "-1" being "all"
        assertThat(config(spec(ProducerType.SYNC).requiredAcks(RequiredAcks.ALL).kafkaOverrides(Map.of("acks", "-1"))))
                .containsEntry("acks", "all");
    }

    @Test
    void aDeliveryTimeoutAloneStartsWhateverItsLength() {
        for (long seconds : new long[] { 1, 5, 15 }) {
            for (ProducerType type : List.of(ProducerType.SYNC, ProducerType.ASYNC, ProducerType.REACTIVE)) {
                ClientSettings resolved = ClientSettings.resolve(spec(type).deliveryTimeout(Duration.ofSeconds(seconds)));
                long total = seconds * 1000;
                long client = total - total / 3;
                long linger = switch (type) {
                    case ASYNC -> 5;
                    case REACTIVE -> 1;
                    default -> 0;
                };
                assertThat(resolved.deliveryTimeout()).isEqualTo(Duration.ofMillis(total));
                assertThat(resolved.queueTimeout()).isEqualTo(Duration.ofMillis(total / 3));
                assertThat(resolved.kafkaConfig()).containsEntry("delivery.timeout.ms", (int) client)
                        // derived: half of what the client's share leaves after linger.ms
                        .containsEntry("request.timeout.ms", (int) ((client - linger) / 2));
                ProducerConfig parsed = new ProducerConfig(resolved.kafkaConfig()); // Kafka accepts it
                assertThat(parsed.getInt("delivery.timeout.ms")).isGreaterThanOrEqualTo(
                        parsed.getInt("request.timeout.ms") + parsed.getLong("linger.ms").intValue());
            }
        }
    }

    @Test
    void refusesADeliveryTimeoutAndARequestTimeoutSetTogetherThatContradictEachOther() {
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).deliveryTimeout(Duration.ofSeconds(15))
                .kafkaOverrides(Map.of("request.timeout.ms", "30000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery-timeout (delivery.timeout.ms) = 15000 ms and request.timeout.ms = "
                        + "30000 ms contradict each other")
                .hasMessageContaining("at least 45000 ms");
        // both set, and fitting
        assertThat(config(spec(ProducerType.SYNC).deliveryTimeout(Duration.ofSeconds(15))
                .kafkaOverrides(Map.of("request.timeout.ms", "4000"))))
                .containsEntry("delivery.timeout.ms", 10_000).containsEntry("request.timeout.ms", "4000");
        // only the request timeout: the default delivery-timeout is raised to fit, as Kafka does
        ClientSettings raised = ClientSettings.resolve(spec(ProducerType.SYNC)
                .kafkaOverrides(Map.of("request.timeout.ms", "200000")));
        assertThat(raised.kafkaConfig()).containsEntry("delivery.timeout.ms", 200_000);
        assertThat(raised.deliveryTimeout()).isEqualTo(Duration.ofMillis(299_999));
    }

    @Test
    void refusesADeliveryTimeoutTooShortForAnExplicitLinger() {
        assertThatThrownBy(() -> config(spec(ProducerType.ASYNC).deliveryTimeout(Duration.ofSeconds(1))
                .kafkaOverrides(Map.of("linger.ms", "2000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery-timeout (delivery.timeout.ms) = 1000 ms is too short for linger.ms = "
                        + "2000 ms");
    }

    @Test
    void aRetryBackoffAboveKafkasMaximumRaisesTheMaximumUnlessThatIsSetToo() {
        assertThat(config(spec(ProducerType.SYNC).retryBackoff(Duration.ofSeconds(5))))
                .containsEntry("retry.backoff.ms", 5000).containsEntry("retry.backoff.max.ms", 5000L);
        assertThat(config(spec(ProducerType.SYNC).retryBackoff(Duration.ofMillis(500))))
                .doesNotContainKey("retry.backoff.max.ms");
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).retryBackoff(Duration.ofSeconds(5))
                .kafkaOverrides(Map.of("retry.backoff.max.ms", "2000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry-backoff (retry.backoff.ms) = 5000 ms is more than retry.backoff.max.ms "
                        + "= 2000 ms");
    }

    @Test
    void refusesMissingBootstrapServersTransactionsAndGarbage() {
        assertThatThrownBy(() -> config(new ProducerSettings("x", ProducerType.SYNC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).kafkaOverrides(Map.of("transactional.id", "t"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactional.id");
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).kafkaOverrides(Map.of("linger.ms", "soon"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger.ms must be a number");
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).kafkaOverrides(Map.of("acks", "2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks must be");
        assertThatThrownBy(() -> config(spec(ProducerType.SYNC).retryMax(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry-max");
    }
}
