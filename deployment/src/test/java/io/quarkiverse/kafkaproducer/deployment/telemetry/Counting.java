package io.quarkiverse.kafkaproducer.deployment.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;

/** Telemetry and error logger base classes that count every call, for the replacement tests' beans. */
final class Counting {

    private Counting() {
    }

    /** Counts calls by {@code latency|size / type / topic / success}. */
    static class Telemetry implements ProducerTelemetry {

        private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        private final Map<String, String> clientIds = new ConcurrentHashMap<>();

        @Override
        public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                ProducerType type, String clientId, boolean success) {
            count("latency", type, topic, success);
            clientIds.put(topic, clientId);
        }

        @Override
        public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                String clientId, boolean success) {
            count("size", type, topic, success);
        }

        private void count(String what, ProducerType type, String topic, boolean success) {
            calls.computeIfAbsent(what + "/" + type.tagValue() + "/" + topic + "/" + success, k -> new LongAdder())
                    .increment();
        }

        long calls(String what, ProducerType type, String topic, boolean success) {
            LongAdder count = calls.get(what + "/" + type.tagValue() + "/" + topic + "/" + success);
            return count == null ? 0 : count.sum();
        }

        /** Calls for the topic, whatever their kind, type and outcome. */
        long callsFor(String topic) {
            return calls.entrySet().stream().filter(e -> e.getKey().endsWith("/" + topic + "/true")
                    || e.getKey().endsWith("/" + topic + "/false")).mapToLong(e -> e.getValue().sum()).sum();
        }

        String clientIdOf(String topic) {
            return clientIds.get(topic);
        }
    }

    /** Keeps every error. */
    static class ErrorLogger implements ProducerErrorLogger {

        private final List<ProducerException> errors = new CopyOnWriteArrayList<>();

        @Override
        public void logError(ProducerException error) {
            errors.add(error);
        }

        List<ProducerException> errorsFor(String topic) {
            return errors.stream().filter(e -> topic.equals(e.topic())).toList();
        }
    }
}
