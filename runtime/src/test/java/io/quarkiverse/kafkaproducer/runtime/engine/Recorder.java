package io.quarkiverse.kafkaproducer.runtime.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;

/** Records every telemetry and error logger call, to check that each record is reported exactly once. */
public class Recorder implements ProducerTelemetry, ProducerErrorLogger {

    public record Call(String service, String topic, int partition, ProducerType type, String clientId, boolean success,
            Duration latency, int size) {
    }

    public final List<Call> latencies = new CopyOnWriteArrayList<>();
    public final List<Call> sizes = new CopyOnWriteArrayList<>();
    public final List<ProducerException> errors = new CopyOnWriteArrayList<>();

    @Override
    public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
            ProducerType type, String clientId, boolean success) {
        latencies.add(new Call(serviceName, topic, partition, type, clientId, success, duration, -1));
    }

    @Override
    public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
        sizes.add(new Call(serviceName, topic, partition, type, clientId, success, null, size));
    }

    @Override
    public void logError(ProducerException error) {
        errors.add(error);
    }

    public long successes() {
        return latencies.stream().filter(Call::success).count();
    }

    public long failures() {
        return latencies.stream().filter(c -> !c.success()).count();
    }
}
