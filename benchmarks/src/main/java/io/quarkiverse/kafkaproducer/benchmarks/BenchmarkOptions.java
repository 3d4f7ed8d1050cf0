package io.quarkiverse.kafkaproducer.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line. */
final class BenchmarkOptions {

    static final String USAGE = """
            Usage: java -jar benchmarks/target/benchmarks.jar [options]
              --bootstrap-servers HOST:PORT  use this broker instead of starting one (topics bench-* are created)
              --quick                        3 rounds, a fifth of the records, 100-byte values only
              --rounds N                     rounds per group (default 5)
              --scale F                      multiply every record count by F (default 1)
              --sizes 100,1024               value sizes in bytes (default 100,1024)
              --only async,sync,batch,reactive,burst,http  groups to run (default all)
              --http-apps PATH               the folder of the HTTP-to-Kafka applications (default benchmarks/http,
                                             beside this jar's target folder)
              --concurrency N                clients of the http group, each waiting for its answer (default 100)
              --async-config K=V,K=V         Kafka properties for the async variants, ours and plain alike (tuning)
              --sync-config K=V,K=V          the same for the sync and batch variants
              --tune 'K=V,K=V|K=V'            also a "tune" group: our async producer (defaults, telemetry on) once per
                                             setting list, each measured against the first; for choosing defaults
              --variants ours,plain          run only the variants of these names (default all)
              --sarama PATH                  a sarama-peer binary built before
              --sarama-build PATH            its build.sh (default benchmarks/sarama/build.sh, from the working
                                             directory or beside this jar's folder)
              --no-sarama                    do not run sarama
              --asciidoc FILE                the tables as AsciiDoc as well (the documentation's Performance page)
              --output FILE                  the JSON result (default target/benchmark-results.json beside this jar)
            """;

    String bootstrapServers;
    boolean quick;
    int rounds = 5;
    double scale = 1;
    List<Integer> sizes = List.of(100, 1024);
    Set<String> groups = Set.of("async", "sync", "batch", "reactive", "burst", "http");
    Set<String> variants;
    Map<String, Object> asyncConfig = Map.of();
    Map<String, Object> syncConfig = Map.of();
    List<Map<String, Object>> tune = List.of();
    Path httpApps;
    int concurrency = 100;
    Path sarama;
    Path saramaBuild;
    boolean noSarama;
    Path output;
    Path asciidoc;

    static BenchmarkOptions parse(String[] args) {
        BenchmarkOptions options = new BenchmarkOptions();
        boolean roundsGiven = false;
        boolean scaleGiven = false;
        boolean sizesGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--bootstrap-servers" -> options.bootstrapServers = value(args, ++i, arg);
                case "--quick" -> options.quick = true;
                case "--rounds" -> {
                    options.rounds = Integer.parseInt(value(args, ++i, arg));
                    roundsGiven = true;
                }
                case "--scale" -> {
                    options.scale = Double.parseDouble(value(args, ++i, arg));
                    scaleGiven = true;
                }
                case "--sizes" -> {
                    options.sizes = Arrays.stream(value(args, ++i, arg).split(",")).map(String::trim)
                            .map(Integer::valueOf).toList();
                    sizesGiven = true;
                }
                case "--only" -> options.groups = Set.of(value(args, ++i, arg).split(","));
                case "--async-config" -> options.asyncConfig = properties(value(args, ++i, arg));
                case "--sync-config" -> options.syncConfig = properties(value(args, ++i, arg));
                case "--tune" -> options.tune = Arrays.stream(value(args, ++i, arg).split("\\|"))
                        .map(BenchmarkOptions::properties).toList();
                case "--variants" -> options.variants = Set.of(value(args, ++i, arg).split(","));
                case "--http-apps" -> options.httpApps = Path.of(value(args, ++i, arg));
                case "--concurrency" -> options.concurrency = Integer.parseInt(value(args, ++i, arg));
                case "--sarama" -> options.sarama = Path.of(value(args, ++i, arg));
                case "--sarama-build" -> options.saramaBuild = Path.of(value(args, ++i, arg));
                case "--no-sarama" -> options.noSarama = true;
                case "--asciidoc" -> options.asciidoc = Path.of(value(args, ++i, arg));
                case "--output" -> options.output = Path.of(value(args, ++i, arg));
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        if (options.quick) {
            options.rounds = roundsGiven ? options.rounds : 3;
            options.scale = scaleGiven ? options.scale : 0.2;
            options.sizes = sizesGiven ? options.sizes : List.of(100);
        }
        if (options.rounds < 1 || options.scale <= 0 || options.concurrency < 1) {
            throw new IllegalArgumentException(
                    "--rounds and --concurrency must be at least 1 and --scale positive\n" + USAGE);
        }
        return options;
    }

    /** Where a build script may be: the given one, else beside the working directory or this jar's repository. */
    List<Path> saramaBuildCandidates(Path jarDirectory) {
        List<Path> candidates = new ArrayList<>();
        if (saramaBuild != null) {
            candidates.add(saramaBuild);
            return candidates;
        }
        candidates.add(Path.of("benchmarks", "sarama", "build.sh").toAbsolutePath().normalize());
        if (jarDirectory != null && jarDirectory.getParent() != null) {
            // benchmarks/target -> benchmarks -> benchmarks/sarama
            candidates.add(jarDirectory.getParent().resolve("sarama").resolve("build.sh").normalize());
        }
        return candidates;
    }

    /** The HTTP applications' folder: the given one, else {@code benchmarks/http} beside this jar's folder. */
    Path httpAppsFolder(Path jarDirectory) {
        if (httpApps != null) {
            return httpApps;
        }
        // benchmarks/target -> benchmarks/http
        return (jarDirectory != null ? jarDirectory.toAbsolutePath().getParent() : Path.of("benchmarks").toAbsolutePath())
                .resolve("http");
    }

    private static Map<String, Object> properties(String list) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (list.isBlank()) {
            return properties;
        }
        for (String pair : list.split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--async-config takes KEY=VALUE pairs, not " + pair + "\n" + USAGE);
            }
            properties.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return properties;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
