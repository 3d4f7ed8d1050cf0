package io.quarkiverse.kafkaproducer.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The table on standard output and the same figures as JSON. */
final class Report {

    private final Map<String, String> machine;
    private final Map<String, String> settings;
    private final List<GroupResult> results;
    private final int rounds;

    Report(Map<String, String> machine, Map<String, String> settings, List<GroupResult> results, int rounds) {
        this.machine = machine;
        this.settings = settings;
        this.results = results;
        this.rounds = rounds;
    }

    void print(PrintStream out) {
        out.println();
        out.println("Machine: " + machine.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
        out.println("Settings: " + settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
        out.println();
        out.printf("Targets: median over %d rounds of the figure taken within each round%n", rounds);
        String row = "| %-75s | %8s | %9s | %-5s | %s |%n";
        out.printf(row, "measure", "median", "target", "holds", "rounds");
        out.printf(row, "-".repeat(75), "-".repeat(10), "-".repeat(9), "-----", "------");
        for (String[] cells : targetRows()) {
            out.printf(row, (Object[]) cells);
        }
        out.println();
        out.println("Variants: median of the rounds (absolute figures depend on the machine and its load)");
        String line = "| %-20s | %-21s | %11s | %23s | %8s | %8s | %10s | %10s | %10s | %6s |%n";
        out.printf(line, "group", "variant", "delivered/s", "min .. max", "p50 µs", "p99 µs", "heap B/rec", "cpu µs/rec",
                "broker µs", "failed");
        out.printf(line, "-".repeat(20), "-".repeat(21), "-".repeat(11), "-".repeat(23), "-".repeat(8), "-".repeat(8),
                "-".repeat(10), "-".repeat(10), "-".repeat(10), "------");
        for (String[] cells : variantRows()) {
            out.printf(line, (Object[]) cells);
        }
    }

    /** The same tables as AsciiDoc, for the documentation's Performance page. */
    void writeAsciiDoc(Path file) throws IOException {
        StringBuilder doc = new StringBuilder();
        doc.append("// Written by the benchmark (--asciidoc); do not edit by hand.\n");
        doc.append("Machine: ").append(machine.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append(".\n\n");
        doc.append("Settings: ").append(settings.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "))).append(".\n\n");
        doc.append(".Targets: the median over ").append(rounds).append(" rounds of the figure taken within each round\n");
        doc.append("[cols=\"5,1,1,1,3\",options=\"header\"]\n|===\n| measure | median | target | holds | rounds\n");
        for (String[] cells : targetRows()) {
            cells[2] = cells[2].replace(">=", "≥").replace("<=", "≤");
            doc.append("| ").append(String.join(" | ", cells)).append('\n');
        }
        doc.append("|===\n\n");
        doc.append(".Variants: the median of the rounds (absolute figures depend on the machine and its load)\n");
        doc.append("[cols=\"2,2,2,3,1,1,1,1,1,1\",options=\"header\"]\n|===\n| group | variant | delivered/s | min .. max "
                + "| p50 µs | p99 µs | heap B/rec | CPU µs/rec | broker µs/rec | failed\n");
        for (String[] cells : variantRows()) {
            doc.append("| ").append(String.join(" | ", cells)).append('\n');
        }
        doc.append("|===\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, doc);
    }

    /** Per comparison: measure, median, target, holds, and each round's figure; the cells of both target tables. */
    private List<String[]> targetRows() {
        List<String[]> rows = new ArrayList<>();
        for (GroupResult result : results) {
            for (Comparison comparison : result.group.comparisons()) {
                double[] values = result.values(comparison);
                double median = GroupResult.median(values);
                rows.add(new String[] { comparison.measure() + ", " + result.group.title(), figure(comparison, median),
                        comparison.targetText(), holds(comparison, median),
                        Arrays.stream(values).mapToObj(v -> figure(comparison, v)).collect(Collectors.joining(" ")) });
            }
        }
        return rows;
    }

    /** Per variant: the medians of its rounds; the cells of both variant tables. */
    private List<String[]> variantRows() {
        List<String[]> rows = new ArrayList<>();
        for (GroupResult result : results) {
            for (Map.Entry<String, List<Measurement>> entry : result.measurements.entrySet()) {
                List<Measurement> runs = entry.getValue();
                if (runs.isEmpty()) {
                    continue;
                }
                double[] rates = runs.stream().mapToDouble(Measurement::deliveredPerSecond).toArray();
                rows.add(new String[] { result.group.title(), entry.getKey(), count(GroupResult.median(rates)),
                        count(Arrays.stream(rates).min().orElse(0)) + " .. "
                                + count(Arrays.stream(rates).max().orElse(0)),
                        number(result.median(entry.getKey(), Measurement::p50Micros)),
                        number(result.median(entry.getKey(), Measurement::p99Micros)),
                        number(result.median(entry.getKey(), Measurement::allocatedBytesPerRecord)),
                        decimal(result.median(entry.getKey(), Measurement::cpuMicrosPerRecord)),
                        decimal(result.median(entry.getKey(), Measurement::brokerCpuMicrosPerRecord)),
                        Long.toString(runs.stream().mapToLong(Measurement::failed).sum()) });
            }
        }
        return rows;
    }

    void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"machine\": ").append(object(machine)).append(",\n");
        json.append("  \"settings\": ").append(object(settings)).append(",\n");
        json.append("  \"rounds\": ").append(rounds).append(",\n");
        json.append("  \"groups\": [\n");
        for (int g = 0; g < results.size(); g++) {
            GroupResult result = results.get(g);
            json.append("    {\"id\": ").append(string(result.group.id())).append(", \"title\": ")
                    .append(string(result.group.title())).append(", \"valueSize\": ").append(result.group.valueSize())
                    .append(", \"loadBefore\": ").append(json(result.loadBefore)).append(", \"loadAfter\": ")
                    .append(json(result.loadAfter)).append(",\n      \"comparisons\": [\n");
            List<Comparison> comparisons = result.group.comparisons();
            for (int c = 0; c < comparisons.size(); c++) {
                Comparison comparison = comparisons.get(c);
                double[] values = result.values(comparison);
                double median = GroupResult.median(values);
                json.append("        {\"measure\": ").append(string(comparison.measure())).append(", \"kind\": ")
                        .append(string(comparison.kind().name())).append(", \"numerator\": ")
                        .append(string(comparison.numerator())).append(", \"denominator\": ")
                        .append(string(comparison.denominator())).append(", \"target\": ")
                        .append(json(comparison.target())).append(", \"median\": ").append(json(median))
                        .append(", \"holds\": ")
                        .append(comparison.hasTarget() && values.length > 0 ? comparison.holds(median) : "null")
                        .append(", \"rounds\": [")
                        .append(Arrays.stream(values).mapToObj(Report::json).collect(Collectors.joining(", ")))
                        .append("]}").append(c < comparisons.size() - 1 ? ",\n" : "\n");
            }
            json.append("      ],\n      \"measurements\": [\n");
            List<Measurement> all = result.measurements.values().stream().flatMap(List::stream).toList();
            for (int m = 0; m < all.size(); m++) {
                Measurement measurement = all.get(m);
                json.append("        {\"variant\": ").append(string(measurement.variant())).append(", \"records\": ")
                        .append(measurement.records()).append(", \"failed\": ").append(measurement.failed())
                        .append(", \"seconds\": ").append(json(measurement.seconds()))
                        .append(", \"deliveredPerSecond\": ").append(json(measurement.deliveredPerSecond()))
                        .append(", \"p50Micros\": ").append(json(measurement.p50Micros()))
                        .append(", \"p99Micros\": ").append(json(measurement.p99Micros()))
                        .append(", \"heapBytesPerRecord\": ").append(json(measurement.allocatedBytesPerRecord()))
                        .append(", \"cpuMicrosPerRecord\": ").append(json(measurement.cpuMicrosPerRecord()))
                        .append(", \"brokerCpuMicrosPerRecord\": ")
                        .append(json(measurement.brokerCpuMicrosPerRecord()))
                        .append("}").append(m < all.size() - 1 ? ",\n" : "\n");
            }
            json.append("      ]}").append(g < results.size() - 1 ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json);
    }

    private static String figure(Comparison comparison, double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (comparison.kind()) {
            case THROUGHPUT_RATIO, COST_RATIO, P99_RATIO -> String.format(Locale.ROOT, "%.3f", value);
            case HEAP_DIFFERENCE -> String.format(Locale.ROOT, "%+.0f B", value);
            case FAILED -> String.format(Locale.ROOT, "%.0f", value);
        };
    }

    private static String holds(Comparison comparison, double median) {
        if (!comparison.hasTarget()) {
            return "";
        }
        return Double.isNaN(median) ? "n/a" : comparison.holds(median) ? "yes" : "NO";
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String object(Map<String, String> map) {
        return map.entrySet().stream().map(e -> string(e.getKey()) + ": " + string(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String json(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
