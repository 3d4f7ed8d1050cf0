package io.quarkiverse.kafkaproducer.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What the readiness probe copies from a producer's settings to reach its cluster the same way, and how a producer whose
 * cluster was not asked yet counts.
 */
class ClusterReachabilityTest {

    @Test
    void copiesConnectionAndPluginSettingsButNotProducerOnes() {
        Map<String, Object> connection = ClusterReachability.connectionSettings(Map.of(
                "bootstrap.servers", "127.0.0.1:9093",
                "security.protocol", "SSL",
                // quarkus-kafka-client's TLS registry: its SSL engine factory reads the name from the client's settings
                "ssl.engine.factory.class", "io.quarkus.kafka.client.tls.QuarkusKafkaSslEngineFactory",
                "tls-configuration-name", "kafka-tls",
                "acks", "all",
                "linger.ms", 0,
                "client.id", "orders-sync"));

        assertThat(connection).containsOnlyKeys("bootstrap.servers", "security.protocol", "ssl.engine.factory.class",
                "tls-configuration-name");
    }

    @Test
    void aProducerNotCheckedYetCountsAsDownUntilItsClusterAnswers() {
        // nothing listens on port 1: the answer comes quickly, and it is DOWN
        Map<String, Map<String, Object>> producers = Map.of("sync/default",
                Map.of("bootstrap.servers", "127.0.0.1:1", "client.id", "orders-sync"));
        try (ClusterReachability reachability = new ClusterReachability(() -> producers, Duration.ofHours(1),
                Duration.ofSeconds(2))) {
            // not started: no question was asked, and the first call answers at once rather than wait for one
            ClusterReachability.Answer first = reachability.answers().get("sync/default");
            assertThat(first.detail()).isEqualTo("not checked yet");
            assertThat(first.up()).as("not checked yet counts as DOWN").isFalse();

            // that call scheduled a question, whose answer replaces it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    reachability.answers().get("sync/default").detail()).startsWith("DOWN: "));
        }
    }
}
