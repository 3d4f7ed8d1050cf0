package io.quarkiverse.kafkaproducer.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerOptions;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.it.harness.TestCluster;

/**
 * Soak: async load at about 80% of the measured maximum for {@code soak.minutes} minutes on three brokers (replication
 * factor 3, min ISR 2), with one broker restarted in the middle of every minute. Prints, per minute, the records
 * handed over and settled, failures, the p99 write latency and the heap after a full GC; then checks that the heap
 * stayed flat, that failures (if any) happened only around restarts, and that the brokers hold exactly what was
 * handed over minus what was reported (their end offsets, asked independently of the producer).
 * <p>
 * Not in the default suite: {@code ./mvnw -pl integration-tests -am test -Psoak -Dtest=SoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (10 minutes; {@code -Dsoak.minutes=2} for a short run).
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+")
class SoakTest {

    private static final Logger LOG = Logger.getLogger(SoakTest.class);
    private static final String TOPIC = "soak";
    private static final int PARTITIONS = 6;
    private static final String VALUE = "v".repeat(100);
    /** Failures within this time after a restart began are the restart's. */
    private static final Duration RESTART_GRACE = Duration.ofSeconds(60);

    private final Recorder latencies = new Recorder(3);
    private final AtomicLong successes = new AtomicLong();
    private final List<Instant> failures = new CopyOnWriteArrayList<>();
    private final List<String> failureSamples = new CopyOnWriteArrayList<>();

    @Test
    void asyncLoadWithABrokerRestartEveryMinute() throws Exception {
        int minutes = Integer.getInteger("soak.minutes");
        try (TestCluster cluster = TestCluster.start("soak", 3, builder -> builder.replicationFactor(3)
                .minInsyncReplicas(2).heap("768m"))) {
            // short retention: hours of load must not fill the disk; end offsets still count every record written
            cluster.admin().createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3).configs(Map.of(
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2",
                    TopicConfig.RETENTION_MS_CONFIG, "60000",
                    TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024))))).all().get();
            for (int p = 0; p < PARTITIONS; p++) {
                cluster.awaitIsr(TOPIC, p, 3);
            }
            try (AsyncProducer<String, String> producer = KafkaProducers.newAsyncProducer("soak",
                    cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                    ProducerOptions.withName("soak"), ProducerOptions.withTelemetry(new Telemetry()),
                    ProducerOptions.withErrorLogger(new Errors()))) {
                long maximum = measureMaximum(producer, cluster);
                long rate = maximum * 8 / 10;
                LOG.infof("soak: measured maximum %d records/s; running %d minute(s) at %d records/s", maximum, minutes,
                        rate);
                run(producer, cluster, minutes, rate);
            }
        }
    }

    /**
     * Delivers bursts of 20,000 records, each flushed before the next, for 10 s: the rate the cluster sustains, without
     * more records waiting than the producer holds.
     */
    private long measureMaximum(AsyncProducer<String, String> producer, TestCluster cluster) throws Exception {
        long before = endOffsets(cluster);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(10).toNanos();
        long sent = 0;
        while (System.nanoTime() - deadline < 0) {
            for (int i = 0; i < 20_000; i++) {
                producer.sendMessage(TOPIC, key(sent++), VALUE);
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long acknowledged = endOffsets(cluster) - before;
        assertThat(failures).as("failures while measuring").isEmpty();
        successes.set(0);
        latencies.reset();
        return (long) (acknowledged / seconds);
    }

    private void run(AsyncProducer<String, String> producer, TestCluster cluster, int minutes, long rate)
            throws Exception {
        long offsetsBefore = endOffsets(cluster);
        AtomicLong handedOver = new AtomicLong();
        long perTick = Math.max(1, rate / 100);
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                producer.sendMessage(TOPIC, key(handedOver.get()), VALUE);
                handedOver.incrementAndGet();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        List<Instant> restarts = new ArrayList<>();
        List<Long> heapAfterGc = new ArrayList<>();
        long previousHandedOver = 0;
        long previousSuccesses = 0;
        int previousFailures = 0;
        Instant begin = Instant.now();
        LOG.info("soak: minute | handed over | delivered | failed | p99 ms | max ms | heap after GC MiB | restarted");
        for (int minute = 1; minute <= minutes; minute++) {
            Instant minuteStart = begin.plus(Duration.ofMinutes(minute - 1));
            awaitUntil(minuteStart.plusSeconds(30));
            int node = cluster.cluster().nodeIds().get((minute - 1) % 3);
            restarts.add(Instant.now());
            cluster.cluster().restart(node);
            awaitUntil(minuteStart.plus(Duration.ofMinutes(1)));

            Histogram interval = latencies.getIntervalHistogram();
            long heap = heapAfterGc();
            heapAfterGc.add(heap);
            long handed = handedOver.get();
            long delivered = successes.get();
            int failed = failures.size();
            LOG.infof("soak: %6d | %11d | %9d | %6d | %6.1f | %6.1f | %17d | node %d", minute,
                    handed - previousHandedOver, delivered - previousSuccesses, failed - previousFailures,
                    interval.getValueAtPercentile(99) / 1e6, interval.getMaxValue() / 1e6, heap >> 20, node);
            previousHandedOver = handed;
            previousSuccesses = delivered;
            previousFailures = failed;
        }
        load.shutdown();
        assertThat(load.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        producer.flush();

        long stored = endOffsets(cluster) - offsetsBefore;
        LOG.infof("soak: %d handed over, %d stored (broker end offsets), %d reported failed%s", handedOver.get(),
                stored, failures.size(), failureSamples.isEmpty() ? "" : ", e.g. " + failureSamples.get(0));
        assertThat(stored + failures.size()).as("stored + reported = handed over").isEqualTo(handedOver.get());
        assertThat(failures).as("failures only around broker restarts").allSatisfy(failure -> assertThat(restarts)
                .anySatisfy(restart -> assertThat(failure).isBetween(restart, restart.plus(RESTART_GRACE))));
        // flat: the heap after GC in the last minutes is within 64 MiB of the first minute's
        long first = heapAfterGc.get(0);
        assertThat(heapAfterGc).as("heap after GC per minute, bytes").allSatisfy(h -> assertThat(h)
                .isLessThan(first + (64L << 20)));
    }

    /** The sum of the topic's end offsets: every record the brokers stored, whatever retention deleted since. */
    private static long endOffsets(TestCluster cluster) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p), p -> OffsetSpec.latest()));
        return cluster.admin().listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static String key(long sequence) {
        return Long.toString(sequence);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Waits until the soak's clock reaches the given time. */
    private static void awaitUntil(Instant time) {
        await().atMost(Duration.between(Instant.now(), time).plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> !Instant.now().isBefore(time));
    }

    private final class Telemetry implements ProducerTelemetry {
        @Override
        public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                ProducerType type, String clientId, boolean success) {
            if (success) {
                successes.incrementAndGet();
                latencies.recordValue(Math.max(1, duration.toNanos()));
            }
        }

        @Override
        public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                String clientId, boolean success) {
        }
    }

    private final class Errors implements ProducerErrorLogger {
        @Override
        public void logError(ProducerException error) {
            failures.add(Instant.now());
            if (failureSamples.size() < 5) {
                failureSamples.add(error.getMessage());
            }
        }
    }
}
