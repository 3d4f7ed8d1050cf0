package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.time.Duration;

import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;

/** The telemetry of a producer configured with {@code telemetry-enabled=false}: the engine skips measuring for it. */
public enum NoTelemetry implements ProducerTelemetry {
    INSTANCE;

    @Override
    public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
    }

    @Override
    public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
    }
}
