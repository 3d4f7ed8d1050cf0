package io.quarkiverse.kafkaproducer.benchmarks;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;

/** A diagnostic ({@code -Dbench.metrics=true}): the Kafka client's own batching figures after a run. */
final class ClientMetrics {

    private static final List<String> NAMES = List.of("request-total", "records-per-request-avg", "batch-size-avg",
            "record-queue-time-avg", "request-latency-avg", "bufferpool-wait-time-ns-total", "record-send-total",
            "requests-in-flight", "io-wait-ratio", "io-ratio");

    private ClientMetrics() {
    }

    static void print(String variant, Object producer) {
        if (!Boolean.getBoolean("bench.metrics")) {
            return;
        }
        Producer<?, ?> client = client(producer);
        if (client == null) {
            return;
        }
        StringBuilder line = new StringBuilder("  metrics " + variant + ":");
        for (Map.Entry<MetricName, ? extends Metric> metric : client.metrics().entrySet()) {
            if (metric.getKey().group().equals("producer-metrics") && NAMES.contains(metric.getKey().name())) {
                Object value = metric.getValue().metricValue();
                line.append(' ').append(metric.getKey().name()).append('=').append(value instanceof Double d
                        ? String.format(Locale.ROOT, "%.1f", d)
                        : value);
            }
        }
        Progress.note(line.toString());
    }

    private static Producer<?, ?> client(Object producer) {
        if (producer instanceof Producer<?, ?> plain) {
            return plain;
        }
        try {
            Field engine = producer.getClass().getDeclaredField("engine");
            engine.setAccessible(true);
            return ((ProducerEngine) engine.get(producer)).kafkaProducer();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
