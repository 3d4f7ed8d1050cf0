package io.quarkiverse.kafkaproducer.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP-to-Kafka application of {@code benchmarks/http/}, started as a process of its own for each run, warmed up,
 * then driven by {@link HttpLoad}. Its figures: answered requests per second, the answers' p50 and p99 latency, and the
 * application's CPU time per request (the load generator's is not counted).
 */
final class HttpEndpoint implements Variant {

    /** Requests before the timed ones, so that the application's JIT has compiled the path. */
    static final int WARM_UP_REQUESTS = 30_000;

    private final String name;
    private final int requests;
    private final Path application;
    private final int concurrency;
    private final List<String> jvmOptions;

    private HttpEndpoint(String name, int requests, Path application, int concurrency, List<String> jvmOptions) {
        this.name = name;
        this.requests = requests;
        this.application = application;
        this.concurrency = concurrency;
        this.jvmOptions = jvmOptions;
    }

    /**
     * The application built from {@code benchmarks/http/<module>}, or empty with the reason printed.
     *
     * @param httpApps the {@code benchmarks/http} folder
     * @param jvmOptions system properties for the application, such as a setting to compare
     */
    static Optional<HttpEndpoint> of(String name, int requests, Path httpApps, String module, int concurrency,
            List<String> jvmOptions) {
        Path jar = httpApps.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            Progress.note("http group: " + name + " skipped: " + jar + " is missing (build it: ./mvnw -B package"
                    + " -DskipTests -pl benchmarks/http/" + module + " -am)");
            return Optional.empty();
        }
        return Optional.of(new HttpEndpoint(name, requests, jar, concurrency, jvmOptions));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int records() {
        return requests;
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    /** The broker and the load generator are cold at first: the first variant to run would pay for it. */
    @Override
    public boolean warmsUp() {
        return true;
    }

    @Override
    public Measurement run(Workload workload, int timedRequests) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("http-bench-" + name, ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g",
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + workload.bootstrapServers(),
                "-Dbench.topic=" + workload.topic(),
                "-Dmp.messaging.outgoing.records.topic=" + workload.topic()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", application.toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        byte[][] bodies = workload.payloads();
        boolean keepLog = false;
        try (HttpLoad load = new HttpLoad(port, concurrency)) {
            load.awaitReady(bodies[0], 120_000, app.toHandle());
            load.run(Math.max(concurrency, (int) Math.min(WARM_UP_REQUESTS, timedRequests)), bodies);
            Duration cpuBefore = cpu(app);
            HttpLoad.Result result = load.run(timedRequests, bodies);
            Duration cpu = cpu(app).minus(cpuBefore);
            if (result.failed() > 0) {
                keepLog = true;
                Progress.note(name + ": " + result.failed() + " requests failed, the first: " + result.firstFailure()
                        + " (application log: " + log + ")");
            }
            long delivered = result.requests() - result.failed();
            return new Measurement(name, result.requests(), result.failed(), result.seconds(), result.p50Micros(),
                    result.p99Micros(), Double.NaN, delivered == 0 ? Double.NaN : cpu.toNanos() / 1e3 / delivered,
                    Double.NaN);
        } finally {
            app.destroy(); // SIGTERM: the application shuts down as in production
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
            if (!keepLog && (app.exitValue() == 0 || app.exitValue() == 143)) {
                Files.deleteIfExists(log);
            } else {
                Progress.note(name + ": the application exited with " + app.exitValue() + "; its log: " + log);
            }
        }
    }

    private static Duration cpu(Process process) {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
