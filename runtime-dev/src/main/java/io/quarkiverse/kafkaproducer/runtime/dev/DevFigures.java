package io.quarkiverse.kafkaproducer.runtime.dev;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.runtime.engine.FactoryProducers;
import io.quarkiverse.kafkaproducer.runtime.engine.RecordObserver;
import io.quarkus.runtime.Startup;

/**
 * The Dev UI's live figures and recent failures, fed by every producer's settled records: per producer, records and
 * bytes per second and the latency percentiles of each second, for the last five minutes, and the last 100 failures.
 * Never a key or a value. Thread-safe; records arrive on the Kafka clients' network threads.
 */
// at start-up: producers built with the factory before the card is first opened must be observed too
@Startup
@Singleton
public class DevFigures implements RecordObserver {

    static final int FAILURES_KEPT = 100;
    static final int SECONDS_KEPT = 300;

    private final Map<String, ProducerFigures> producers = new ConcurrentHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kafka-producer-dev-ui-figures");
        thread.setDaemon(true);
        return thread;
    });

    public DevFigures() {
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        // producers that the application builds with KafkaProducers are observed too
        FactoryProducers.observe(this);
    }

    @Override
    public void settled(String producer, String topic, int partition, long latencyNanos, int size, boolean success) {
        producers.computeIfAbsent(producer, name -> new ProducerFigures()).record(latencyNanos, size, success);
    }

    @Override
    public void failed(String producer, ProducerException error) {
        Throwable cause = error.getCause();
        Failure failure = new Failure(Instant.now().toString(), producer, error.topic(), error.partition(),
                cause == null ? error.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                error.isRetriable());
        synchronized (failures) {
            if (failures.size() == FAILURES_KEPT) {
                failures.removeLast();
            }
            failures.addFirst(failure);
        }
    }

    /** @return the last failures, newest first */
    public List<Failure> failures() {
        synchronized (failures) {
            return new ArrayList<>(failures);
        }
    }

    /** @return for each producer that settled a record, its totals and its last seconds, oldest first */
    public Map<String, Figures> figures() {
        Map<String, Figures> all = new TreeMap<>();
        producers.forEach((name, figures) -> all.put(name, figures.snapshot()));
        return all;
    }

    private void sample() {
        long now = System.currentTimeMillis();
        producers.values().forEach(figures -> figures.sample(now));
    }

    @PreDestroy
    void stop() {
        FactoryProducers.observe(null);
        sampler.shutdownNow();
    }

    /** One failure as the error logger got it: where, and why, never what. */
    public record Failure(String time, String producer, String topic, int partition, String cause, boolean retriable) {
    }

    /** One second of a producer's work. Latencies are null in a second without records. */
    public record Second(long epochMillis, long delivered, long failed, long bytes, Double p50Millis, Double p99Millis) {
    }

    /** A producer's totals since the application started, and its last seconds. */
    public record Figures(long delivered, long failed, long bytes, List<Second> seconds) {
    }

    private static final class ProducerFigures {

        private final LongAdder delivered = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder bytes = new LongAdder();
        private final Deque<Second> seconds = new ArrayDeque<>();
        private long[] latencies = new long[64];
        private int latencyCount;
        private long sampledDelivered;
        private long sampledFailed;
        private long sampledBytes;

        void record(long latencyNanos, int size, boolean success) {
            (success ? delivered : failed).increment();
            bytes.add(size);
            synchronized (this) {
                // at most 100,000 a second are kept for the percentiles: a dev-mode load test must not fill the heap
                if (latencyCount < 100_000) {
                    if (latencyCount == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[latencyCount++] = latencyNanos;
                }
            }
        }

        synchronized void sample(long epochMillis) {
            long[] window = Arrays.copyOf(latencies, latencyCount);
            latencyCount = 0;
            Arrays.sort(window);
            long nowDelivered = delivered.sum();
            long nowFailed = failed.sum();
            long nowBytes = bytes.sum();
            seconds.addLast(new Second(epochMillis, nowDelivered - sampledDelivered, nowFailed - sampledFailed,
                    nowBytes - sampledBytes, percentile(window, 0.50), percentile(window, 0.99)));
            if (seconds.size() > SECONDS_KEPT) {
                seconds.removeFirst();
            }
            sampledDelivered = nowDelivered;
            sampledFailed = nowFailed;
            sampledBytes = nowBytes;
        }

        synchronized Figures snapshot() {
            return new Figures(delivered.sum(), failed.sum(), bytes.sum(), List.copyOf(seconds));
        }

        private static Double percentile(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return null;
            }
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
