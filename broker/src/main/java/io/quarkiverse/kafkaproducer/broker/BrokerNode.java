package io.quarkiverse.kafkaproducer.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * One combined broker and controller node: its ports, its directories and its JVM process. Not thread-safe: the
 * {@link KafkaCluster} serializes calls.
 */
final class BrokerNode {

    private static final Logger LOG = Logger.getLogger(BrokerNode.class);

    private static final File NULL_DEVICE = new File(
            System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    private final int id;
    private final int clientPort;
    private final int controllerPort;
    private final Map<String, Integer> listenerPorts;
    private final Path directory;
    private final Path logFile;

    // volatile: the cluster's shutdown hook kills processes without taking the cluster's lock
    private volatile Process process;
    /** Runs while the broker is paused; see {@link #pause()}. */
    private volatile Process pauseGuard;

    BrokerNode(int id, int clientPort, int controllerPort, Map<String, Integer> listenerPorts, Path directory,
            Path logFile) {
        this.id = id;
        this.clientPort = clientPort;
        this.controllerPort = controllerPort;
        this.listenerPorts = Map.copyOf(listenerPorts);
        this.directory = directory;
        this.logFile = logFile;
    }

    int id() {
        return id;
    }

    int clientPort() {
        return clientPort;
    }

    int controllerPort() {
        return controllerPort;
    }

    int listenerPort(String listener) {
        Integer port = listenerPorts.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("No listener named " + listener + "; the cluster has "
                    + listenerPorts.keySet());
        }
        return port;
    }

    Path dataDirectory() {
        return directory.resolve("data");
    }

    Path propertiesFile() {
        return directory.resolve("server.properties");
    }

    Path logFile() {
        return logFile;
    }

    boolean isFormatted() {
        return Files.exists(dataDirectory().resolve("meta.properties"));
    }

    /**
     * Starts the JVM; returns at once.
     *
     * @param javaCommand the command up to and including the main class
     * @param arguments the main class's arguments
     * @param detached whether the broker outlives this JVM (a shared broker), rather than halting when it goes
     */
    void launch(List<String> javaCommand, List<String> arguments, boolean detached) {
        if (isAlive()) {
            throw new IllegalStateException("Kafka node " + id + " is already running");
        }
        List<String> command = new ArrayList<>();
        if (detached && SETSID.isPresent()) {
            // a session of its own: Ctrl+C in the terminal of the JVM that started it must not stop a broker that
            // other applications use (setsid execs the command in the same process, so the pid stays the broker's)
            command.add(SETSID.get().toString());
        }
        command.addAll(javaCommand);
        command.addAll(arguments);
        appendToLog("---- " + Instant.now() + " starting Kafka node " + id + ": " + String.join(" ", command));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()));
            if (detached) {
                builder.redirectInput(Redirect.from(NULL_DEVICE));
            }
            // otherwise standard input stays a pipe from this JVM: BrokerMain halts when it reaches end-of-file
            process = builder.start();
        } catch (IOException e) {
            throw new KafkaClusterException("Cannot start the JVM of Kafka node " + id + " (" + command.get(0) + "): "
                    + e.getMessage(), e);
        }
        LOG.debugf("Kafka node %d started as process %d, log %s", id, process.pid(), logFile);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    boolean isPaused() {
        return pauseGuard != null && isAlive();
    }

    Optional<ProcessHandle> process() {
        return isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    /** @return a future completed when the process exits; an already completed one when it is not running */
    CompletableFuture<Process> onExit() {
        return process == null ? CompletableFuture.completedFuture(null) : process.onExit();
    }

    /** @return the exit code, when the process has exited */
    Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Sends SIGKILL and waits until the process is gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        releasePauseGuard();
    }

    /**
     * Sends SIGTERM, which runs Kafka's controlled shutdown, and waits for the process to exit; kills it when it takes
     * longer than the timeout.
     */
    void stop(Duration timeout) {
        if (!isAlive()) {
            return;
        }
        if (isPaused()) {
            // a stopped process does not handle SIGTERM until it continues
            resume();
        }
        // not Process.destroy(): it also closes standard input, on which BrokerMain halts at once, without shutdown
        process.toHandle().destroy();
        if (!awaitExit(timeout)) {
            LOG.warnf("Kafka node %d did not stop within %s; killing it", id, timeout);
            kill();
        }
    }

    /**
     * Sends SIGSTOP: the process freezes, its connections stay open, as on a long GC pause or a hung host.
     * <p>
     * A stopped broker cannot notice that this JVM died, so a shell guards it meanwhile: the shell's {@code read} gets
     * end-of-file when this JVM dies, even by {@code SIGKILL}, and then kills the broker. {@link #resume()} releases it.
     */
    void pause() {
        if (isPaused()) {
            return;
        }
        try {
            pauseGuard = new ProcessBuilder("sh", "-c", "read -r answer; [ \"$answer\" = release ] || kill -KILL \"$1\"",
                    "kafka-pause-guard", String.valueOf(process.pid()))
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new KafkaClusterException("Cannot start the shell that guards paused Kafka node " + id + ": "
                    + e.getMessage(), e);
        }
        try {
            signal("STOP");
        } catch (RuntimeException e) {
            releasePauseGuard();
            throw e;
        }
    }

    /** Sends SIGCONT to a paused process. */
    void resume() {
        // continue first: between the two steps, the guard still covers a broker that is stopped
        signal("CONT");
        releasePauseGuard();
    }

    /** @return the last lines of the log, for error messages */
    String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    private void releasePauseGuard() {
        Process guard = pauseGuard;
        if (guard == null) {
            return;
        }
        pauseGuard = null;
        try (var pipe = guard.getOutputStream()) {
            pipe.write("release\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the guard is gone already
        }
        try {
            if (!guard.waitFor(10, TimeUnit.SECONDS)) {
                guard.destroyForcibly();
            }
        } catch (InterruptedException e) {
            guard.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while waiting for Kafka node " + id + " to exit", e);
        }
    }

    private void signal(String signal) {
        if (!isAlive()) {
            throw new IllegalStateException("Kafka node " + id + " is not running");
        }
        // the JDK sends only SIGTERM and SIGKILL; kill(1) is in every POSIX system
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new KafkaClusterException("kill -" + signal + " " + process.pid() + " (Kafka node " + id
                        + ") failed with exit code " + kill.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new KafkaClusterException("Cannot send SIG" + signal + " to Kafka node " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while sending SIG" + signal + " to Kafka node " + id, e);
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker log " + logFile, e);
        }
    }

    @Override
    public String toString() {
        return "Kafka node " + id + " (127.0.0.1:" + clientPort + ", log " + logFile + ")";
    }
}
