package io.quarkiverse.kafkaproducer.deployment;

import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerBuildTimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Traces sends when the application has {@code quarkus-opentelemetry}. Without it, the tracer bean is not declared, so
 * the producers run without tracing and no OpenTelemetry class is ever loaded.
 */
class KafkaProducerTracingProcessor {

    // by name: the class uses OpenTelemetry types, which the build class path may lack
    private static final String TRACER = "io.quarkiverse.kafkaproducer.runtime.tracing.OpenTelemetrySendTracer";

    @BuildStep
    void registerOpenTelemetryTracer(Capabilities capabilities, KafkaProducerBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER) && config.tracing().enabled()) {
            // unremovable: only the producer registry looks it up, through Instance<SendTracer>
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClass(TRACER).setUnremovable().build());
        }
    }
}
