package io.quarkiverse.kafkaproducer.deployment.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;

/** An application pointed at a cluster of its own, which does not answer: the card shows its address, unreachable. */
class KafkaProducerDevUIExternalClusterTest extends DevUIJsonRPCTest {

    private static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(DevUiApp.class, DevUiApp.Order.class)
                    .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(String.join("\n",
                            // nothing listens on port 1: Dev Services step aside for a configured cluster
                            "kafka.bootstrap.servers=127.0.0.1:1",
                            "quarkus.http.port=" + PORT)),
                            "application.properties"));

    KafkaProducerDevUIExternalClusterTest() {
        super("quarkus-kafka-producer", "http://localhost:" + PORT);
    }

    @Test
    void theCardShowsTheConfiguredClusterAndThatItDoesNotAnswer() throws Exception {
        JsonNode broker = executeJsonRPCMethod("getBroker", Map.of());
        assertThat(broker.get("bootstrapServers").asText()).isEqualTo("127.0.0.1:1");
        assertThat(broker.get("devServices").asBoolean()).isFalse();
        assertThat(broker.get("reachable").asBoolean()).isFalse();
        assertThat(broker.get("problem").asText()).isNotBlank();
        assertThat(broker.get("topics")).isEmpty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
