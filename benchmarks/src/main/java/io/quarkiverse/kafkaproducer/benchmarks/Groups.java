package io.quarkiverse.kafkaproducer.benchmarks;

import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.failed;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.heap;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workloads of issue 8 and their targets. Record counts are at scale 1. */
final class Groups {

    private static final double INFO = Double.NaN;
    private static final int BATCH = 500;
    private static final int THREADS = 32;

    private Groups() {
    }

    static List<Group> of(BenchmarkOptions options, Optional<SaramaPeer> sarama) {
        List<Group> groups = new ArrayList<>();
        for (int size : options.sizes) {
            if (options.groups.contains("async")) {
                groups.add(async(size, sarama, options.asyncConfig));
            }
            if (options.groups.contains("sync")) {
                groups.add(sync(size, sarama));
            }
            if (options.groups.contains("batch")) {
                groups.add(batch(size, sarama));
            }
        }
        if (options.groups.contains("burst")) {
            groups.add(burst());
        }
        if (options.variants == null) {
            return groups;
        }
        return groups.stream().map(g -> new Group(g.id(), g.title(), g.valueSize(),
                g.variants().stream().filter(v -> options.variants.contains(v.name())).toList(), g.comparisons()))
                .filter(g -> !g.variants().isEmpty()).toList();
    }

    private static Group async(int size, Optional<SaramaPeer> sarama, Map<String, Object> kafka) {
        int records = size <= 100 ? 1_000_000 : 250_000;
        List<Variant> variants = new ArrayList<>(List.of(
                OursVariants.async("ours", records, true, kafka),
                RawVariants.async("plain", records, kafka),
                OursVariants.async("ours-telemetry-off", records, false, kafka)));
        sarama.ifPresent(peer -> variants.add(peer.variant("sarama", records, "async")));
        return new Group("async-" + size, "async " + title(size), size, variants, List.of(
                ratio("async: ours / plain send+callback, same settings", "ours", "plain", 0.95),
                ratio("async: ours (defaults) / sarama async", "ours", "sarama", 1.0),
                ratio("async: telemetry on / off", "ours", "ours-telemetry-off", 0.95),
                heap("async: heap per record, ours - plain", "ours", "plain", 64)));
    }

    private static Group sync(int size, Optional<SaramaPeer> sarama) {
        int records = 10_000;
        int concurrent = 60_000;
        List<Variant> variants = new ArrayList<>(List.of(
                OursVariants.sync("ours-1", records, 1, true),
                RawVariants.sync("plain-1", records, 1),
                OursVariants.sync("ours-32", concurrent, THREADS, true),
                RawVariants.sync("plain-32", concurrent, THREADS),
                OursVariants.sync("ours-32-telemetry-off", concurrent, THREADS, false)));
        sarama.ifPresent(peer -> variants.add(peer.variant("sarama", records, "sync")));
        return new Group("sync-" + size, "sync " + title(size), size, variants, List.of(
                ratio("sync 1 thread: ours / plain send().get(), linger 0", "ours-1", "plain-1", 0.95),
                ratio("sync 1 thread: ours / sarama SendMessage", "ours-1", "sarama", 1.0),
                ratio("sync: ours 32 threads / ours 1 thread", "ours-32", "ours-1", 10),
                ratio("sync 32 threads: ours / plain send().get()", "ours-32", "plain-32", INFO),
                ratio("sync 32 threads: telemetry on / off", "ours-32", "ours-32-telemetry-off", 0.95),
                heap("sync 1 thread: heap per record, ours - plain", "ours-1", "plain-1", 64)));
    }

    private static Group batch(int size, Optional<SaramaPeer> sarama) {
        int records = size <= 100 ? 300_000 : 100_000;
        List<Variant> variants = new ArrayList<>(List.of(
                OursVariants.batch("ours", records, BATCH),
                RawVariants.batch("plain", records, BATCH)));
        sarama.ifPresent(peer -> variants.add(peer.variant("sarama", records, "syncbatch")));
        return new Group("batch-" + size, "batch of 500 " + title(size), size, variants, List.of(
                ratio("sendMessages(500): ours / sarama SendMessages(500)", "ours", "sarama", 1.0),
                ratio("sendMessages(500): ours / plain 500 sends, then get()", "ours", "plain", INFO),
                heap("sendMessages(500): heap per record, ours - plain", "ours", "plain", 64)));
    }

    private static Group burst() {
        int records = 100_000;
        return new Group("burst-100", "burst to a new topic 100 B", 100, List.of(
                BurstVariants.burst("paced-45k", records, 45_000),
                BurstVariants.burst("unpaced", records, 0)),
                List.of(
                        failed("new topic, 100k records at 45k/s: failed records", "paced-45k"),
                        failed("new topic, 100k records unpaced: failed records", "unpaced")));
    }

    private static String title(int size) {
        return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }
}
