package io.quarkiverse.kafkaproducer.runtime.telemetry;

import io.micrometer.core.instrument.Metrics;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;

/**
 * The telemetry and error logger of a producer whose spec names none (producers made by
 * {@link io.quarkiverse.kafkaproducer.KafkaProducers}): shared instances, so that their meter caches and rate limits
 * are shared too.
 */
public final class DefaultReporting {

    private DefaultReporting() {
    }

    /** Micrometer telemetry on {@link Metrics#globalRegistry}, to which Quarkus adds the application's registries. */
    public static ProducerTelemetry telemetry() {
        return Holder.TELEMETRY;
    }

    /** The rate-limited logging error logger. */
    public static ProducerErrorLogger errorLogger() {
        return Holder.ERROR_LOGGER;
    }

    // Created on first use: the global registry is only touched by applications that use the factory's defaults.
    private static final class Holder {
        static final ProducerTelemetry TELEMETRY = new MicrometerProducerTelemetry(Metrics.globalRegistry);
        static final ProducerErrorLogger ERROR_LOGGER = new LoggingProducerErrorLogger();
    }
}
