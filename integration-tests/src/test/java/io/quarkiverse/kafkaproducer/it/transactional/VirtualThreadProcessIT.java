package io.quarkiverse.kafkaproducer.it.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.it.harness.TestCluster;

/**
 * {@code inTransaction} works on a virtual thread: the packaged application runs on a JDK that has them (Java 21 or
 * later, {@value #JAVA_PROPERTY}), and an endpoint commits a transaction of two records on a virtual thread
 * ({@code TransferResource}).
 */
class VirtualThreadProcessIT {

    static final String JAVA_PROPERTY = "virtual-threads.java";
    private static final Path APPLICATION = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aTransactionCommitsOnAVirtualThread() throws Exception {
        assertThat(APPLICATION).as("the packaged application; run with mvn verify").exists();
        Path java = Path.of(System.getProperty(JAVA_PROPERTY, "java"));
        assertThat(java).as("a JDK 21 or later for virtual threads; set -D%s=<its bin/java>", JAVA_PROPERTY)
                .isExecutable();
        Path log = Files.createDirectories(Path.of("target", "virtual-threads")).resolve("application.log");
        try (TestCluster cluster = TestCluster.start("virtual-threads", 1)) {
            cluster.createTopic("virtual-transfers", 1, 1, 1);
            int port = freePort();
            Process application = new ProcessBuilder(java.toString(), "-Xmx256m",
                    "-Dkafka.bootstrap.servers=" + cluster.bootstrapServers(), "-Dquarkus.http.port=" + port,
                    "-jar", APPLICATION.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                URI uri = URI.create("http://127.0.0.1:" + port + "/transfer/virtual-transfers");
                HttpResponse<String> answer = await("the application serves").atMost(Duration.ofMinutes(1))
                        .ignoreExceptions()
                        .until(() -> http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("10.00")).build(),
                                HttpResponse.BodyHandlers.ofString()), response -> response.statusCode() != 404);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).as("the thread that ran the transaction").startsWith("VirtualThread");
            } finally {
                application.destroy();
                application.waitFor(60, TimeUnit.SECONDS);
                application.destroyForcibly();
            }
            assertThat(TransformKillProcessIT.readCommitted(cluster.bootstrapServers(), "virtual-transfers"))
                    .containsExactly("10.00", "10.00");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
