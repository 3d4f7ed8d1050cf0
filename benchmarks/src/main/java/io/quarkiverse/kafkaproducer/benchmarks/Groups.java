package io.quarkiverse.kafkaproducer.benchmarks;

import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.cost;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.failed;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.failedInfo;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.heap;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.p99;
import static io.quarkiverse.kafkaproducer.benchmarks.Comparison.ratio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerConfig;

import io.quarkiverse.kafkaproducer.runtime.settings.OverflowPolicy;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerDefaults;

/** The workloads of issue 8 and their targets. Record counts are at scale 1. */
final class Groups {

    private static final double INFO = Double.NaN;
    private static final int BATCH = 500;
    private static final int THREADS = 32;

    private Groups() {
    }

    static List<Group> of(BenchmarkOptions options, Optional<SaramaPeer> sarama, Path httpApps) {
        List<Group> groups = new ArrayList<>();
        for (int size : options.sizes) {
            if (options.groups.contains("async")) {
                groups.add(async(size, sarama, options.asyncConfig));
            }
            if (options.groups.contains("sync")) {
                groups.add(sync(size, sarama, options.syncConfig));
            }
            if (options.groups.contains("batch")) {
                groups.add(batch(size, sarama, options.syncConfig));
            }
            if (options.groups.contains("reactive")) {
                groups.add(reactive(size, options.asyncConfig));
            }
        }
        if (options.groups.contains("http")) {
            http(httpApps, options.concurrency).ifPresent(groups::add);
        }
        if (options.groups.contains("burst")) {
            groups.add(burst());
        }
        if (!options.tune.isEmpty()) {
            options.sizes.forEach(size -> groups.add(tune(size, options.tune)));
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
                RawVariants.asyncMetered("plain-metered", records, kafka),
                // Blocking when the client's buffer is full, as the plain client does: like for like with it.
                OursVariants.async("ours-overflow-block", records, true, kafka, OverflowPolicy.BLOCK),
                OursVariants.async("ours-telemetry-off", records, false, kafka, OverflowPolicy.BLOCK),
                OursVariants.asyncKeepingRecords("ours-keeping-records", records, kafka)));
        sarama.ifPresent(peer -> variants.add(peer.variant("sarama", records, "async")));
        return new Group("async-" + size, "async " + title(size), size, variants, List.of(
                ratio("async: ours with telemetry off / plain send+callback (the engine's own cost)",
                        "ours-telemetry-off", "plain", 0.95),
                ratio("async: ours / plain with a Timer and a DistributionSummary per record", "ours-overflow-block",
                        "plain-metered", 1.0),
                ratio("async: ours (defaults) / plain with a Timer and a DistributionSummary per record", "ours",
                        "plain-metered", INFO),
                ratio("async: ours with an error logger that takes the failed records / ours-overflow-block (what "
                        + "keeping each record until it settles costs)", "ours-keeping-records", "ours-overflow-block",
                        INFO),
                ratio("async: ours (defaults) / plain send+callback", "ours", "plain", INFO),
                ratio("async: ours (defaults) / sarama async", "ours", "sarama", 1.0),
                // A sending loop outruns the broker; the plain client blocks it, ours refuses what overflows its queue.
                failedInfo("async: records refused by ours (defaults), sending faster than the broker takes", "ours"),
                ratio("async: ours, overflow-policy=block / sarama async", "ours-overflow-block", "sarama", INFO),
                ratio("async: ours, overflow-policy=block / plain send+callback", "ours-overflow-block", "plain", INFO),
                ratio("async: telemetry on / off (both overflow-policy=block)", "ours-overflow-block",
                        "ours-telemetry-off", INFO),
                heap("async: heap per record, ours - plain", "ours", "plain", 64),
                heap("async: heap per record, ours with overflow-policy=block - plain", "ours-overflow-block", "plain",
                        INFO),
                heap("async: heap per record, ours with telemetry off - plain", "ours-telemetry-off", "plain", INFO),
                cost("async, CPU cost: ours with telemetry off / plain", "ours-telemetry-off", "plain", 0.95),
                cost("async, CPU cost: ours / plain with a Timer and a DistributionSummary", "ours-overflow-block",
                        "plain-metered", 1.0),
                cost("async, CPU cost: ours / sarama", "ours", "sarama", 1.0)));
    }

    private static Group reactive(int size, Map<String, Object> kafka) {
        int records = size <= 100 ? 1_000_000 : 250_000;
        // The same Kafka settings for both: the reactive producer's (1 ms of lingering), unless given on the command line.
        Map<String, Object> reactiveSettings = new java.util.LinkedHashMap<>(
                Map.of(ProducerConfig.LINGER_MS_CONFIG, ProducerDefaults.REACTIVE_LINGER_MS));
        reactiveSettings.putAll(kafka);
        List<Variant> variants = List.of(
                // Blocks when the client's buffer is full, as a stream waits for its window: like for like.
                OursVariants.async("async", records, true, reactiveSettings, OverflowPolicy.BLOCK),
                OursVariants.reactiveStream("stream", records, 1024, kafka),
                OursVariants.reactiveStream("stream-16k", records, 16_384, kafka));
        return new Group("reactive-" + size, "reactive " + title(size), size, variants, List.of(
                ratio("reactive: sendMessages(Multi), max-in-flight 1024 / AsyncProducer", "stream", "async", 0.9),
                ratio("reactive: sendMessages(Multi), max-in-flight 16384 / AsyncProducer", "stream-16k", "async",
                        INFO),
                heap("reactive: heap per record, stream - async", "stream", "async", INFO),
                cost("reactive, CPU cost: stream / async", "stream", "async", INFO)));
    }

    /**
     * The same RESTEasy Reactive endpoint, {@code POST /records} answering with the record's offset, built on our
     * ReactiveProducer and as a Quarkus Messaging user would, on the producer of an outgoing channel; each with its
     * defaults. 100-byte bodies.
     */
    private static Optional<Group> http(Path httpApps, int concurrency) {
        int requests = 100_000;
        Optional<HttpEndpoint> ours = HttpEndpoint.of("ours", requests, httpApps, "ours", concurrency, List.of());
        Optional<HttpEndpoint> smallrye = HttpEndpoint.of("smallrye", requests, httpApps, "smallrye", concurrency,
                List.of());
        // Where the difference comes from: SmallRye's producer without Kafka's 5 ms of lingering
        Optional<HttpEndpoint> smallryeLinger0 = HttpEndpoint.of("smallrye-linger-0", requests, httpApps, "smallrye",
                concurrency, List.of("-Dmp.messaging.outgoing.records.linger.ms=0"));
        // Why the reactive producer lingers 1 ms: the same endpoint without lingering
        Optional<HttpEndpoint> oursLinger0 = HttpEndpoint.of("ours-linger-0", requests, httpApps, "ours", concurrency,
                List.of("-Dquarkus.kafka-producer.reactive.kafka.\"linger.ms\"=0"));
        if (ours.isEmpty() || smallrye.isEmpty() || smallryeLinger0.isEmpty() || oursLinger0.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Group("http", "HTTP to Kafka, " + concurrency + " concurrent clients, 100 B", 100,
                List.of(ours.get(), smallrye.get(), smallryeLinger0.get(), oursLinger0.get()), List.of(
                        ratio("HTTP to Kafka: requests/s, ReactiveProducer / SmallRye KafkaClientService", "ours",
                                "smallrye", 1.2),
                        p99("HTTP to Kafka: p99 latency, ReactiveProducer / SmallRye KafkaClientService", "ours",
                                "smallrye", 1.0),
                        ratio("HTTP to Kafka: requests/s, ReactiveProducer / SmallRye with linger.ms=0", "ours",
                                "smallrye-linger-0", INFO),
                        p99("HTTP to Kafka: p99 latency, ReactiveProducer / SmallRye with linger.ms=0", "ours",
                                "smallrye-linger-0", INFO),
                        ratio("HTTP to Kafka: requests/s, ReactiveProducer linger.ms 1 (default) / 0", "ours",
                                "ours-linger-0", INFO),
                        cost("HTTP to Kafka, CPU cost of the application: ReactiveProducer linger.ms 1 (default) / 0",
                                "ours", "ours-linger-0", INFO),
                        cost("HTTP to Kafka, CPU cost of the application: ReactiveProducer / SmallRye", "ours",
                                "smallrye", INFO),
                        cost("HTTP to Kafka, CPU cost of the application: ReactiveProducer / SmallRye with linger.ms=0",
                                "ours", "smallrye-linger-0", INFO),
                        failed("HTTP to Kafka: failed requests, ReactiveProducer", "ours"),
                        failed("HTTP to Kafka: failed requests, SmallRye", "smallrye"))));
    }

    private static Group sync(int size, Optional<SaramaPeer> sarama, Map<String, Object> kafka) {
        int records = 10_000;
        int concurrent = 60_000;
        List<Variant> variants = new ArrayList<>(List.of(
                OursVariants.sync("ours-1", records, 1, true, kafka),
                RawVariants.sync("plain-1", records, 1, kafka),
                OursVariants.sync("ours-32", concurrent, THREADS, true, kafka),
                RawVariants.sync("plain-32", concurrent, THREADS, kafka),
                OursVariants.sync("ours-32-telemetry-off", concurrent, THREADS, false, kafka)));
        sarama.ifPresent(peer -> variants.add(peer.variant("sarama", records, "sync")));
        return new Group("sync-" + size, "sync " + title(size), size, variants, List.of(
                ratio("sync 1 thread: ours / plain send().get(), linger 0", "ours-1", "plain-1", 0.95),
                ratio("sync 1 thread: ours / sarama SendMessage", "ours-1", "sarama", 1.0),
                ratio("sync: ours 32 threads / ours 1 thread", "ours-32", "ours-1", 10),
                ratio("sync 32 threads: ours / plain send().get()", "ours-32", "plain-32", INFO),
                ratio("sync 32 threads: telemetry on / off", "ours-32", "ours-32-telemetry-off", 0.95),
                heap("sync 1 thread: heap per record, ours - plain", "ours-1", "plain-1", 64),
                cost("sync 1 thread, CPU cost: ours / plain", "ours-1", "plain-1", 0.95),
                cost("sync 1 thread, CPU cost: ours / sarama", "ours-1", "sarama", 1.0),
                cost("sync 32 threads, CPU cost: telemetry on / off", "ours-32", "ours-32-telemetry-off", 0.95)));
    }

    private static Group batch(int size, Optional<SaramaPeer> sarama, Map<String, Object> kafka) {
        int records = size <= 100 ? 300_000 : 100_000;
        List<Variant> variants = new ArrayList<>(List.of(
                OursVariants.batch("ours", records, BATCH, kafka),
                RawVariants.batch("plain", records, BATCH, kafka)));
        sarama.ifPresent(peer -> variants.add(peer.variant("sarama", records, "syncbatch")));
        return new Group("batch-" + size, "batch of 500 " + title(size), size, variants, List.of(
                ratio("sendMessages(500): ours / sarama SendMessages(500)", "ours", "sarama", 1.0),
                ratio("sendMessages(500): ours / plain 500 sends, then get()", "ours", "plain", INFO),
                heap("sendMessages(500): heap per record, ours - plain", "ours", "plain", 64),
                cost("sendMessages(500), CPU cost: ours / sarama", "ours", "sarama", 1.0),
                cost("sendMessages(500), CPU cost: ours / plain", "ours", "plain", INFO)));
    }

    /** Our async producer with each candidate setting, each against the first; records are never refused. */
    private static Group tune(int size, List<Map<String, Object>> candidates) {
        int records = size <= 100 ? 1_000_000 : 250_000;
        List<Variant> variants = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (Map<String, Object> candidate : candidates) {
            String name = candidate.isEmpty() ? "defaults" : candidate.toString();
            // overflow-policy=block: a refused record would be "sent" at no cost and flatter the candidate
            variants.add(OursVariants.async(name, records, true, candidate, OverflowPolicy.BLOCK));
            if (variants.size() > 1) {
                comparisons.add(ratio("tune: " + name + " / " + variants.get(0).name(), name, variants.get(0).name(),
                        INFO));
                comparisons.add(cost("tune, CPU cost: " + name + " / " + variants.get(0).name(), name,
                        variants.get(0).name(), INFO));
            }
        }
        return new Group("tune-" + size, "tune async " + title(size), size, variants, comparisons);
    }

    private static Group burst() {
        int records = 100_000;
        return new Group("burst", "burst to a new topic", 100, List.of(
                BurstVariants.burst("paced-45k", records, 45_000, 100),
                BurstVariants.burst("unpaced", records, 0, 100),
                BurstVariants.burst("unpaced-1KiB", records, 0, 1024)),
                List.of(
                        failed("new topic, 100k records of 100 B at 45k/s: failed records", "paced-45k"),
                        failed("new topic, 100k records of 100 B unpaced: failed records", "unpaced"),
                        // 100 MiB handed over at once: more than the client's buffer and the queue hold (2 x 32 MiB)
                        failedInfo("new topic, 100k records of 1 KiB unpaced: failed records", "unpaced-1KiB")));
    }

    private static String title(int size) {
        return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }
}
