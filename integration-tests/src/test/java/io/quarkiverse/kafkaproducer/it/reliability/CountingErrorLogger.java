package io.quarkiverse.kafkaproducer.it.reliability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * An error logger for producers made by the factory: counts failures per topic and per cause, and keeps the first
 * few of each topic, so that a hundred thousand failures cost almost no memory.
 */
final class CountingErrorLogger implements ProducerErrorLogger {

    private static final int SAMPLES = 50;

    private final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();
    private final Map<String, List<ProducerException>> samples = new ConcurrentHashMap<>();

    @Override
    public void logError(ProducerException error) {
        byTopic.computeIfAbsent(error.topic(), t -> new LongAdder()).increment();
        String cause = error.getCause() == null ? "none" : error.getCause().getClass().getSimpleName();
        byCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
        List<ProducerException> kept = samples.computeIfAbsent(error.topic(), t -> new CopyOnWriteArrayList<>());
        if (kept.size() < SAMPLES) {
            kept.add(error);
        }
    }

    long count(String topic) {
        LongAdder count = byTopic.get(topic);
        return count == null ? 0 : count.sum();
    }

    /** Failures by the simple class name of their cause. */
    Map<String, Long> causes() {
        Map<String, Long> causes = new java.util.TreeMap<>();
        byCause.forEach((cause, count) -> causes.put(cause, count.sum()));
        return causes;
    }

    List<ProducerException> samples(String topic) {
        return samples.getOrDefault(topic, List.of());
    }
}
