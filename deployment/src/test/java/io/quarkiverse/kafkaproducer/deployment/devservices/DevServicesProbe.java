package io.quarkiverse.kafkaproducer.deployment.devservices;

import java.util.List;
import java.util.function.Consumer;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;

/**
 * Tells a test whether the build produced this extension's Dev Service: a build step that records it in the
 * {@value #PROPERTY} run-time property ({@code true} or {@code false}).
 */
final class DevServicesProbe {

    static final String PROPERTY = "kafka-producer-test.dev-service-produced";

    private DevServicesProbe() {
    }

    static Consumer<BuildChainBuilder> recordDevService() {
        return chain -> chain.addBuildStep(context -> {
            List<DevServicesResultBuildItem> services = context.consumeMulti(DevServicesResultBuildItem.class);
            boolean produced = services.stream()
                    .anyMatch(service -> DevServicesKafkaProducerProcessor.FEATURE.equals(service.getName()));
            context.produce(new RunTimeConfigurationDefaultBuildItem(PROPERTY, String.valueOf(produced)));
        })
                .consumes(DevServicesResultBuildItem.class)
                .produces(RunTimeConfigurationDefaultBuildItem.class)
                .build();
    }
}
