package io.quarkiverse.kafkaproducer.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the readiness probe copies from a producer's settings to reach its cluster the same way. */
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
}
