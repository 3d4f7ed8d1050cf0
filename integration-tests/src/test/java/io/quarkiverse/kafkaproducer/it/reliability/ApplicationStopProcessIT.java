package io.quarkiverse.kafkaproducer.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.it.harness.TestCluster;
import io.quarkiverse.kafkaproducer.it.load.LoadGenerator;
import io.quarkiverse.kafkaproducer.it.reliability.Ledger.Entry;

/**
 * Scenario 4: the packaged application ({@code target/quarkus-app/quarkus-run.jar}) runs in a process of its own under
 * sync and async load against three brokers, and gets {@code SIGTERM}, as from an orchestrator. Every record handed
 * over is delivered or reported, none twice; every acknowledged sync record is stored.
 * <p>
 * The application writes down what it handed over when it stops ({@link LoadGenerator}), and one line per failed record
 * as it happens ({@code FileErrorLogger}); the topic is read back by a consumer of this test.
 */
class ApplicationStopProcessIT {

    private static final Logger LOG = Logger.getLogger(ApplicationStopProcessIT.class);
    private static final String TOPIC = "application-stop";
    private static final Path APPLICATION = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sigtermUnderLoadLosesNothingHandedOver() throws Exception {
        assertThat(APPLICATION).as("the packaged application; run with mvn verify").exists();
        Path work = Files.createDirectories(Path.of("target", "application-stop"));
        Path ledgerFile = work.resolve("ledger.properties");
        Path errorFile = work.resolve("errors.tsv");
        Path applicationLog = work.resolve("application.log");
        Files.deleteIfExists(ledgerFile);
        Files.deleteIfExists(errorFile);

        try (TestCluster cluster = TestCluster.start("application-stop", 3,
                builder -> builder.replicationFactor(3).minInsyncReplicas(2))) {
            cluster.createTopic(TOPIC, 3, 3, 2);
            int port = freePort();
            Process application = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m",
                    "-Dkafka.bootstrap.servers=" + cluster.bootstrapServers(),
                    "-Dquarkus.http.port=" + port,
                    "-Dreliability.ledger-file=" + ledgerFile.toAbsolutePath(),
                    "-Dreliability.error-file=" + errorFile.toAbsolutePath(),
                    "-jar", APPLICATION.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(applicationLog.toFile())
                    .start();
            String progress;
            int exitCode;
            try {
                await("the application serves").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                        .until(() -> get(port, "/load").statusCode() == 200);
                assertThat(post(port, "/load/" + TOPIC + "?sync-threads=2&async-per-ms=50").statusCode()).isEqualTo(200);
                await("load under way").atMost(Duration.ofMinutes(1))
                        .until(() -> counts(get(port, "/load").body()), c -> c[0] >= 50_000 && c[1] >= 1_000);
                progress = get(port, "/load").body();

                application.destroy(); // SIGTERM
                assertThat(application.waitFor(90, java.util.concurrent.TimeUnit.SECONDS))
                        .as("the application stops within its close timeout").isTrue();
                exitCode = application.exitValue();
            } finally {
                application.destroyForcibly();
            }

            Properties ledger = new Properties();
            try (Reader in = Files.newBufferedReader(ledgerFile)) {
                ledger.load(in);
            }
            List<String> errors = Files.exists(errorFile) ? Files.readAllLines(errorFile) : List.of();
            List<Entry> stored = Ledger.read(cluster.bootstrapServers(), TOPIC);
            Map<Integer, List<Entry>> byWriter = stored.stream().collect(Collectors.groupingBy(Entry::writer));
            LOG.infof("SIGTERM at progress %s; exit code %d; ledger %s; %d errors reported; stored by writer %s",
                    progress, exitCode, ledger, errors.size(), byWriter.entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));

            assertThat(ledger.getProperty("ended")).as("the load ended before the producers closed").isEqualTo("true");
            assertThat(Ledger.duplicates(stored)).as("records stored twice").isEmpty();
            assertThat(Ledger.orderViolations(stored)).as("records out of send order").isEmpty();

            long handedOver = Long.parseLong(ledger.getProperty("async.handed-over"));
            List<Entry> async = byWriter.getOrDefault(LoadGenerator.ASYNC_WRITER, List.of());
            long asyncReported = errors.stream().filter(line -> line.startsWith("async\t")).count();
            assertThat(handedOver).isGreaterThanOrEqualTo(50_000);
            assertThat(async).allSatisfy(e -> assertThat(e.sequence()).isLessThan(handedOver));
            assertThat(async.size() + asyncReported).as("async delivered + reported = handed over").isEqualTo(handedOver);

            for (int writer = 0; writer < 2; writer++) {
                long calls = Long.parseLong(ledger.getProperty("sync." + writer + ".calls"));
                long acknowledged = Long.parseLong(ledger.getProperty("sync." + writer + ".acknowledged"));
                List<Entry> sync = byWriter.getOrDefault(writer, List.of());
                assertThat(sync).allSatisfy(e -> assertThat(e.sequence()).isLessThan(calls));
                // every acknowledged call is stored; a call that threw may or may not be
                assertThat((long) sync.size()).as("sync writer %d stored", writer).isBetween(acknowledged, calls);
            }
            assertThat(Files.readString(applicationLog)).as("no record value in the application's log")
                    .doesNotContain("p".repeat(64));
        }
    }

    private static long[] counts(String progress) {
        String[] parts = progress.trim().split(" ");
        return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
