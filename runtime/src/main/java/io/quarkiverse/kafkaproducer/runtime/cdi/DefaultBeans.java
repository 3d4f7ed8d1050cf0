package io.quarkiverse.kafkaproducer.runtime.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkiverse.kafkaproducer.runtime.config.TelemetryConfig;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LoggingProducerErrorLogger;
import io.quarkiverse.kafkaproducer.runtime.telemetry.MicrometerProducerTelemetry;
import io.quarkus.arc.DefaultBean;

/**
 * The telemetry and error logger every producer uses unless the application declares its own bean of that type
 * (which replaces these), or one qualified with the producer's {@code @Identifier} (which serves that producer only).
 * Their settings come from {@code quarkus.kafka-producer.telemetry.*} and {@code quarkus.kafka-producer.error-logger.*}.
 */
@Singleton
public class DefaultBeans {

    @Produces
    @Singleton
    @DefaultBean
    ProducerTelemetry micrometerTelemetry(Instance<MeterRegistry> registry, KafkaProducerRuntimeConfig config) {
        TelemetryConfig telemetry = config.telemetry();
        double[] percentiles = telemetry.latencyPercentiles()
                .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray()).orElse(new double[0]);
        // Without a Micrometer registry bean (metrics turned off), meters go to the global registry, which is empty.
        return new MicrometerProducerTelemetry(registry.isResolvable() ? registry.get() : Metrics.globalRegistry,
                telemetry.maxTopics(), telemetry.partitionTag(), telemetry.latencyHistogram(), percentiles);
    }

    @Produces
    @Singleton
    @DefaultBean
    ProducerErrorLogger loggingErrorLogger(KafkaProducerRuntimeConfig config) {
        return new LoggingProducerErrorLogger(config.errorLogger().linesPerSecond());
    }
}
