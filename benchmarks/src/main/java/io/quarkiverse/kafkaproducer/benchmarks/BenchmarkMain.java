package io.quarkiverse.kafkaproducer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.AppInfoParser;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.broker.KafkaCluster;

/**
 * Measures our producers against the plain Kafka Java client and sarama on one broker in one run; see
 * {@link BenchmarkOptions#USAGE} and the Performance page of the documentation.
 * <p>
 * Each group of variants runs a warm-up round (not counted), then several rounds in which every variant runs once, in
 * an order that rotates from round to round. Each comparison is taken within a round, and its median over the rounds
 * is reported: on a shared, noisy machine a ratio of neighbours is steadier than any absolute figure.
 */
public final class BenchmarkMain {

    private final BenchmarkOptions options;
    private final Path jarDirectory;

    private BenchmarkMain(BenchmarkOptions options, Path jarDirectory) {
        this.options = options;
        this.jarDirectory = jarDirectory;
    }

    public static void main(String[] args) throws Exception {
        Logging.configure();
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new BenchmarkMain(options, jarDirectory()).run();
        // The Kafka clients' and the broker launcher's leftover threads must not keep the JVM alive.
        System.exit(0);
    }

    private void run() throws Exception {
        // "Telemetry on" records into a real registry, as in an application with Micrometer.
        Metrics.addRegistry(new SimpleMeterRegistry());
        Map<String, String> machine = machine();
        Progress.note("machine: " + machine);
        KafkaCluster cluster = null;
        String bootstrapServers = options.bootstrapServers;
        if (bootstrapServers == null) {
            Progress.note("starting a Kafka broker (KRaft, one node, 3 partitions per auto-created topic)");
            cluster = KafkaCluster.builder().partitions(Topics.PARTITIONS).heap("1g").build().start();
            bootstrapServers = cluster.bootstrapServers();
        }
        try {
            ProcessHandle broker = cluster == null ? null : cluster.process(1).orElse(null);
            Optional<SaramaPeer> sarama = sarama();
            List<Group> groups = Groups.of(options, sarama, options.httpAppsFolder(jarDirectory));
            List<GroupResult> results = new ArrayList<>();
            try (Topics topics = new Topics(bootstrapServers)) {
                for (Group group : groups) {
                    results.add(new GroupRunner(options, topics, bootstrapServers, broker).run(group));
                }
            }
            machine.put("loadAverageAtEnd", loadAverage());
            Report report = new Report(machine, settings(bootstrapServers, cluster != null), results, options.rounds);
            report.print(System.out);
            Path output = options.output != null ? options.output
                    : (jarDirectory != null ? jarDirectory : Path.of("target")).resolve("benchmark-results.json");
            report.writeJson(output);
            Progress.note("JSON written to " + output.toAbsolutePath());
            if (options.asciidoc != null) {
                report.writeAsciiDoc(options.asciidoc);
                Progress.note("AsciiDoc written to " + options.asciidoc.toAbsolutePath());
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private Optional<SaramaPeer> sarama() {
        if (options.noSarama) {
            Progress.note("sarama skipped (--no-sarama)");
            return Optional.empty();
        }
        if (options.sarama != null) {
            return SaramaPeer.of(options.sarama);
        }
        List<Path> candidates = options.saramaBuildCandidates(jarDirectory);
        Path script = candidates.stream().filter(Files::isExecutable).findFirst().orElse(candidates.get(0));
        Path out = (jarDirectory != null ? jarDirectory : Path.of("target")).resolve("sarama");
        return SaramaPeer.build(script, out);
    }

    private Map<String, String> settings(String bootstrapServers, boolean ownBroker) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker", ownBroker ? "own KRaft broker (1 node, heap 1g) at " + bootstrapServers
                : bootstrapServers);
        settings.put("kafkaClients", AppInfoParser.getVersion());
        settings.put("partitions", Integer.toString(Topics.PARTITIONS));
        settings.put("rounds", Integer.toString(options.rounds));
        settings.put("scale", Double.toString(options.scale));
        for (ProducerType type : ProducerType.values()) {
            Map<String, Object> config = RawVariants.config(type, bootstrapServers,
                    type == ProducerType.ASYNC ? options.asyncConfig : options.syncConfig);
            settings.put(type.tagValue(), String.join(" ", "acks=" + config.get(ProducerConfig.ACKS_CONFIG),
                    "enable.idempotence=" + config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
                    "batch.size=" + config.getOrDefault(ProducerConfig.BATCH_SIZE_CONFIG, "16384(kafka)"),
                    "linger.ms=" + config.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, "5(kafka)"),
                    "compression.type=" + config.getOrDefault(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none(kafka)"),
                    "buffer.memory=" + config.getOrDefault(ProducerConfig.BUFFER_MEMORY_CONFIG, "33554432(kafka)")));
        }
        return settings;
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        machine.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", memory());
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("loadAverageAtStart", loadAverage());
        return machine;
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The 1 minute load average, or NaN off Linux. */
    static double loadAverage1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String memory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        try {
            long kib = Long.parseLong(total.replace("kB", "").trim());
            return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return total;
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Path jarDirectory() {
        try {
            Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent(); // target/, from target/benchmarks.jar or target/classes
        } catch (Exception e) {
            return null;
        }
    }
}
