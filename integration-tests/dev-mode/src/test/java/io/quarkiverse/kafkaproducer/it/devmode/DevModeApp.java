package io.quarkiverse.kafkaproducer.it.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** An application in dev mode: {@code mvn quarkus:dev} in a process of its own, which forks the application's JVM. */
final class DevModeApp {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String name;
    private final Process maven;
    private final Path log;
    private int port;

    private DevModeApp(String name, Process maven, Path log) {
        this.name = name;
        this.maven = maven;
        this.log = log;
    }

    /**
     * Copies the application and starts it in dev mode; returns at once.
     *
     * @param properties system properties for the application, e.g. its Dev Services' service name
     */
    static DevModeApp start(String name, Path source, Path workDirectory, Path repository, Path log,
            List<String> properties) throws IOException {
        Path project = workDirectory.resolve(name);
        copyTree(source, project);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B", "--no-snapshot-updates", "-f", project.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("outer.repository"),
                // two applications at once: no debugger port (5005) to compete for, no console reading the terminal
                "-Ddebug=false",
                "-Dquarkus.console.enabled=false",
                "-Dquarkus.analytics.disabled=true",
                // the temporary directory of this JVM, where the application's Dev Services keep the shared broker's
                // registry: the test finds it there
                "-Djvm.args=-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        properties.forEach(property -> command.add("-D" + property));
        command.add("quarkus:dev");
        Process maven = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile()))
                .redirectInput(Redirect.PIPE)
                .start();
        return new DevModeApp(name, maven, log);
    }

    /** Blocks until the application serves HTTP, which is after its Dev Services started. */
    DevModeApp awaitListening(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(maven.isAlive()).as("Maven of %s is running; its output:%n%s", name, logTail()).isTrue();
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                return true;
            }
            return false;
        });
        return this;
    }

    /** @return the answer of {@code POST /send/<topic>}: the bootstrap servers, the partition and the offset */
    String send(String topic, String value) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/send/" + topic))
                .header("Content-Type", "text/plain")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(value))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("answer of %s: %s; its output:%n%s", name, response.body(), logTail())
                .isEqualTo(200);
        return response.body();
    }

    /** @return the application's JVM, which Maven forked */
    ProcessHandle applicationJvm() {
        return maven.descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("-dev.jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No dev-mode JVM under Maven of " + name + "; its output:\n"
                        + logTail()));
    }

    /** @return the HTTP port it listens on, once {@link #awaitListening(Duration)} returned */
    int port() {
        return port;
    }

    Process maven() {
        return maven;
    }

    /** @return Maven and every process it started, while they run */
    List<ProcessHandle> processes() {
        return Stream.concat(Stream.of(maven.toHandle()), maven.descendants()).toList();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    void kill() {
        maven.descendants().forEach(ProcessHandle::destroyForcibly);
        maven.destroyForcibly();
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            // not the build output of the source's own builds
            paths.filter(path -> !source.relativize(path).startsWith("target")).forEach(path -> {
                try {
                    Files.copy(path, target.resolve(source.relativize(path).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
