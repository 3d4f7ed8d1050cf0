package io.quarkiverse.kafkaproducer.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sarama, the Go library this extension's API follows, through the peer program {@code sarama-peer} of
 * {@code benchmarks/sarama} (built by the {@code build.sh} beside it, with Debian's Go and sarama packages). It runs as a child
 * process against the same broker; its figure is its own: from before
 * it connects until its producer is closed, so it includes its connection set-up, which ours and the plain client do
 * before their timed window (a few milliseconds on a local broker).
 */
final class SaramaPeer {

    private static final Pattern RESULT = Pattern
            .compile("records=(\\d+) failed=(\\d+) seconds=([0-9.]+) records_per_sec=([0-9.]+)");

    private final Path binary;

    private SaramaPeer(Path binary) {
        this.binary = binary;
    }

    /**
     * Builds the peer with its {@code build.sh} (which installs Go and sarama from Debian's packages the first time),
     * or returns empty with the reason printed.
     */
    static Optional<SaramaPeer> build(Path buildScript, Path outputDirectory) {
        if (buildScript == null || !Files.isExecutable(buildScript)) {
            Progress.note("sarama skipped: no build script at " + buildScript
                    + " (give --sarama-build PATH or --sarama PATH_TO_BINARY)");
            return Optional.empty();
        }
        Progress.note("building sarama-peer with " + buildScript + " (installs Go and sarama the first time)");
        try {
            Files.createDirectories(outputDirectory);
            Process process = new ProcessBuilder(buildScript.toString(), outputDirectory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                Progress.note("sarama skipped: its build failed: " + output);
                return Optional.empty();
            }
            String[] lines = output.split("\\R");
            Path binary = Path.of(lines[lines.length - 1].trim());
            return of(binary);
        } catch (IOException e) {
            Progress.note("sarama skipped: cannot run " + buildScript + ": " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A binary built before; empty, with the reason printed, if it is not there. */
    static Optional<SaramaPeer> of(Path binary) {
        if (!Files.isExecutable(binary)) {
            Progress.note("sarama skipped: " + binary + " is not an executable");
            return Optional.empty();
        }
        return Optional.of(new SaramaPeer(binary));
    }

    /** @param mode {@code async}, {@code sync} or {@code syncbatch} (500 records a call) */
    Variant variant(String name, int records, String mode) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int records() {
                return records;
            }

            @Override
            public boolean inProcess() {
                return false;
            }

            @Override
            public Measurement run(Workload workload, int n) throws Exception {
                return SaramaPeer.this.run(name, workload, n, mode);
            }
        };
    }

    private Measurement run(String name, Workload workload, int records, String mode) throws Exception {
        // sh waits for the peer, then prints its own /proc stat, whose children times are the peer's CPU time.
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$0\" \"$@\"; cat /proc/$$/stat",
                binary.toString(), "-brokers", workload.bootstrapServers(),
                "-topic", workload.topic(), "-n", Integer.toString(records), "-size",
                Integer.toString(workload.valueSize()), "-mode", mode, "-batch", "500"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("sarama-peer did not finish: " + String.join(" ", command));
        }
        Matcher result = RESULT.matcher(output);
        if (process.exitValue() != 0 || !result.find()) {
            throw new IllegalStateException("sarama-peer failed (exit " + process.exitValue() + "): " + output.trim());
        }
        long sent = Long.parseLong(result.group(1));
        long failed = Long.parseLong(result.group(2));
        return new Measurement(name, sent, failed, Double.parseDouble(result.group(3)),
                Double.NaN, Double.NaN, Double.NaN, childrenCpuMicros(output) / (sent - failed), Double.NaN);
    }

    /** The children user and system times of a /proc stat line, in µs; NaN if there is none (not Linux). */
    private static double childrenCpuMicros(String output) {
        String[] lines = output.trim().split("\\R");
        String stat = lines[lines.length - 1];
        int comm = stat.lastIndexOf(')');
        if (comm < 0) {
            return Double.NaN;
        }
        String[] fields = stat.substring(comm + 2).split(" ");
        try {
            // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks of 10 ms
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
