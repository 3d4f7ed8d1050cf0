package io.quarkiverse.kafkaproducer.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A broker dies with the JVM that started it, even when that JVM is killed with SIGKILL and the broker is paused. */
class NoOrphanTest {

    @Test
    void brokersDieWhenTheirOwnerIsKilled() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("no-orphan-owner.log");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClusterOwner.class.getName())
                .redirectError(Redirect.to(log.toFile()))
                .start();
        try {
            List<ProcessHandle> brokers;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
                String ready = lines.readLine();
                assertThat(ready).as("owner's output; see " + log).startsWith(ClusterOwner.READY);
                brokers = owner.descendants().filter(BrokerProcesses::isBroker).toList();
                assertThat(brokers).hasSize(2);

                owner.destroyForcibly();
                assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(brokers).noneMatch(ProcessHandle::isAlive));
        } finally {
            owner.destroyForcibly();
        }
    }

    /** Starts two brokers, pauses one, says so on standard output and waits to be killed. */
    public static final class ClusterOwner {

        static final String READY = "READY";

        public static void main(String[] args) throws InterruptedException {
            KafkaCluster cluster = KafkaCluster.builder().brokers(2).build().start();
            cluster.pause(2);
            System.out.println(READY + " " + cluster.bootstrapServers());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
