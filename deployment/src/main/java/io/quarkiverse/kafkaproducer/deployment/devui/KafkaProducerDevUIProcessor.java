package io.quarkiverse.kafkaproducer.deployment.devui;

import java.util.ArrayList;
import java.util.List;

import org.jboss.jandex.Type;

import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.deployment.ProducerInjectionPointBuildItem;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkiverse.kafkaproducer.runtime.dev.DevFigures;
import io.quarkiverse.kafkaproducer.runtime.dev.InjectedProducers;
import io.quarkiverse.kafkaproducer.runtime.dev.KafkaProducerJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card: pages for the producers, their live figures, recent failures, the broker and a send form, backed by
 * {@link KafkaProducerJsonRpcService}. Dev mode only: its classes come from the runtime's conditional dev dependency,
 * which a production build does not have.
 */
@BuildSteps(onlyIf = IsLocalDevelopment.class)
public class KafkaProducerDevUIProcessor {

    @BuildStep
    CardPageBuildItem card(List<ProducerInjectionPointBuildItem> producers) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Producers")
                .icon("font-awesome-solid:paper-plane")
                .componentLink("qwc-kafka-producer-producers.js")
                .staticLabel(String.valueOf(producers.stream().map(p -> p.producerType() + "/" + p.name()).distinct()
                        .count())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Live")
                .icon("font-awesome-solid:chart-line")
                .componentLink("qwc-kafka-producer-live.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Recent failures")
                .icon("font-awesome-solid:triangle-exclamation")
                .componentLink("qwc-kafka-producer-failures.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Broker")
                .icon("font-awesome-solid:server")
                .componentLink("qwc-kafka-producer-broker.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Send a record")
                .icon("font-awesome-solid:envelope")
                .componentLink("qwc-kafka-producer-send.js"));
        return card;
    }

    @BuildStep
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(KafkaProducerJsonRpcService.class);
    }

    @BuildStep
    AdditionalBeanBuildItem figures() {
        // injected by the producer registry through Instance<RecordObserver>, which keeps it
        return AdditionalBeanBuildItem.unremovableOf(DevFigures.class);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void injectionPoints(InjectedProducers recorder, List<ProducerInjectionPointBuildItem> producers) {
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> keyTypes = new ArrayList<>();
        List<String> valueTypes = new ArrayList<>();
        List<String> keySerializers = new ArrayList<>();
        List<String> valueSerializers = new ArrayList<>();
        for (ProducerInjectionPointBuildItem producer : producers) {
            types.add(producer.producerType().tagValue());
            names.add(KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(producer.name()) ? KafkaProducers.DEFAULT_NAME
                    : producer.name());
            keyTypes.add(producer.keyType().map(KafkaProducerDevUIProcessor::typeName).orElse("?"));
            valueTypes.add(producer.valueType().map(KafkaProducerDevUIProcessor::typeName).orElse("?"));
            keySerializers.add(producer.keySerializer());
            valueSerializers.add(producer.valueSerializer());
        }
        recorder.register(types, names, keyTypes, valueTypes, keySerializers, valueSerializers);
    }

    /** A class by its binary name, which the JSON conversion loads; any other type as Java writes it. */
    private static String typeName(Type type) {
        return type.kind() == Type.Kind.CLASS ? type.name().toString() : type.toString();
    }
}
