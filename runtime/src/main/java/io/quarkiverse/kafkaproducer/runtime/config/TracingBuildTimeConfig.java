package io.quarkiverse.kafkaproducer.runtime.config;

import io.smallrye.config.WithDefault;

/** Whether sends are traced when the application has {@code quarkus-opentelemetry}. */
public interface TracingBuildTimeConfig {

    /**
     * Whether each record sent gets a producer span ({@code <topic> publish}) and the W3C trace context in its headers
     * ({@code traceparent}). Only applies when the application has the {@code quarkus-opentelemetry} extension;
     * without it, no OpenTelemetry class is loaded and nothing is added to the records.
     */
    @WithDefault("true")
    boolean enabled();
}
