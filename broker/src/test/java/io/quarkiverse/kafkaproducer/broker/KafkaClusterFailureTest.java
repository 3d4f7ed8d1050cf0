package io.quarkiverse.kafkaproducer.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input and faults at start-up: each gives a clear error and leaves no process behind. */
class KafkaClusterFailureTest {

    private static final Path LOGS = Path.of("target", "kafka-cluster-failure-test");

    @AfterEach
    void noBrokerProcessIsLeft() {
        assertThat(BrokerProcesses.ofThisJvm()).as("broker processes left by the test").isEmpty();
    }

    @Test
    void takenPortIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                KafkaCluster cluster = KafkaCluster.builder().ports(taken.getLocalPort()).build()) {
            assertThatThrownBy(cluster::start)
                    .isInstanceOf(KafkaClusterException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " on 127.0.0.1")
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void brokerThatExitsIsReportedWithExitCodeReasonAndLogPath() {
        Path logs = LOGS.resolve("bad-config");
        try (KafkaCluster cluster = KafkaCluster.builder()
                .brokerProperty("num.network.threads", "not-a-number")
                .logDirectory(logs)
                .build()) {
            assertThatThrownBy(cluster::start)
                    .isInstanceOf(KafkaClusterException.class)
                    .hasMessageContaining("Kafka node 1 exited with code 1")
                    .hasMessageContaining(logs.toAbsolutePath().resolve("broker-1.log").toString())
                    // the reason, from the log's last lines
                    .hasMessageContaining("num.network.threads");
        }
    }

    @Test
    void brokerNotReadyInTimeIsKilledAndReportedWithLogPath() {
        KafkaCluster cluster = KafkaCluster.builder().startTimeout(Duration.ofMillis(300)).build();
        try (cluster) {
            assertThatThrownBy(cluster::start)
                    .isInstanceOf(KafkaClusterException.class)
                    .hasMessageContaining("Kafka node(s) 1 not ready within PT0.3S")
                    .hasMessageContaining("they were killed")
                    .hasMessageContaining(cluster.logFile(1).toString());
        }
        assertThat(cluster.logFile(1)).as("the log of a failed start stays for the reader of the message").exists();
    }

    @Test
    void unknownKafkaVersionIsNamed() {
        assertThatThrownBy(() -> KafkaDistribution.of("0.0.0-no-such-version"))
                .isInstanceOf(KafkaClusterException.class)
                .hasMessageContaining("org.apache.kafka:kafka_2.13:0.0.0-no-such-version");
    }

    @Test
    void distributionIsResolvedOncePerVersion() {
        KafkaDistribution distribution = KafkaDistribution.matchingClients();
        assertThat(distribution.version()).isEqualTo(KafkaDistribution.clientsVersion());
        assertThat(distribution.classpath()).allSatisfy(jar -> assertThat(jar).isRegularFile());
        assertThat(KafkaDistribution.of(distribution.version())).isSameAs(distribution);
    }

    @Test
    void contradictorySettingsAreRefused() {
        assertThatThrownBy(() -> KafkaCluster.builder().brokers(2).ports(9092).build())
                .hasMessage("ports has 1 entries for 2 brokers");
        assertThatThrownBy(() -> KafkaCluster.builder().brokers(2).replicationFactor(3).build())
                .hasMessage("replicationFactor 3 exceeds the 2 brokers");
        assertThatThrownBy(() -> KafkaCluster.builder().heap("lots").build())
                .hasMessageContaining("heap must be a size");
    }
}
