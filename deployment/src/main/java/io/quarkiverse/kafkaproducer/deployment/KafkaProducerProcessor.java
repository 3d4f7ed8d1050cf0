package io.quarkiverse.kafkaproducer.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.cdi.DefaultBeans;
import io.quarkiverse.kafkaproducer.runtime.cdi.KafkaProducerRecorder;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkiverse.kafkaproducer.runtime.cdi.SerializerFactory;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerBuildTimeConfig;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultAsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultReactiveProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultSyncProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultTransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LoggingProducerErrorLogger;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;

class KafkaProducerProcessor {

    private static final Logger LOG = Logger.getLogger(KafkaProducerProcessor.class);
    private static final String FEATURE = "kafka-producer";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem registryAndDefaultBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ProducerRegistry.class, DefaultBeans.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    void discoverInjectedProducers(BeanDiscoveryFinishedBuildItem beanDiscovery, KafkaProducerBuildTimeConfig config,
            BuildProducer<ProducerInjectionPointBuildItem> producers) {
        SerializerSelection serializers = new SerializerSelection(config, Thread.currentThread().getContextClassLoader());
        // injection points that declare the same bean type and name share one bean
        Map<String, ProducerInjectionPointBuildItem> distinct = new LinkedHashMap<>();
        for (ProducerInjectionPoints.Found found : ProducerInjectionPoints.find(beanDiscovery.getInjectionPoints())) {
            if (KafkaProducers.DEFAULT_NAME.equals(found.name())) {
                // It would be a second producer with the same name, client id and readiness entry as the default one.
                throw new DeploymentException(String.format("The %s producer injected at %s is qualified with "
                        + "@Identifier(\"%s\"), the name of the %s producer injected without @Identifier: inject that "
                        + "one without a qualifier, or give this one another name", found.producerType().tagValue(),
                        found.location(), KafkaProducers.DEFAULT_NAME, found.producerType().tagValue()));
            }
            ProducerInjectionPointBuildItem item = new ProducerInjectionPointBuildItem(found.producerType(), found.name(),
                    found.beanType(), found.keyType(), found.valueType(), serializers.select(found, true),
                    serializers.select(found, false));
            distinct.putIfAbsent(found.producerType() + "/" + found.name() + "/" + found.beanType(), item);
        }
        distinct.values().forEach(producers::produce);
    }

    @BuildStep
    void checkProducerConfig(ValidationPhaseBuildItem validationPhase, List<ProducerInjectionPointBuildItem> producers,
            BuildProducer<ValidationErrorBuildItem> errors) {
        ProducerConfigCheck check;
        try {
            check = ProducerConfigCheck.check(ConfigProvider.getConfig());
        } catch (ConfigurationException e) {
            errors.produce(new ValidationErrorBuildItem(e));
            return;
        }
        for (ProducerType type : ProducerType.values()) {
            Set<String> injected = producers.stream().filter(p -> p.producerType() == type)
                    .map(ProducerInjectionPointBuildItem::name).collect(Collectors.toSet());
            check.forEachUninjected(type, injected, name -> LOG.warnf(
                    "quarkus.kafka-producer.%s.\"%s\".* configures a producer that nothing injects: "
                            + "check the name in @Identifier(\"%s\") %s",
                    type.tagValue(), name, name, ProducerInjectionPoints.interfaceName(type)));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void registerProducerBeans(KafkaProducerRecorder recorder, List<ProducerInjectionPointBuildItem> producers,
            BuildProducer<SyntheticBeanBuildItem> syntheticBeans) {
        for (ProducerInjectionPointBuildItem producer : producers) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem
                    .configure(switch (producer.producerType()) {
                        case SYNC -> DefaultSyncProducer.class;
                        case ASYNC -> DefaultAsyncProducer.class;
                        case REACTIVE -> DefaultReactiveProducer.class;
                        case TRANSACTIONAL -> DefaultTransactionalProducer.class;
                    })
                    .types(producer.beanType())
                    .scope(Singleton.class)
                    .setRuntimeInit()
                    // created at start-up, so that a configuration the Kafka client refuses fails the start
                    .startup()
                    .addInjectionPoint(ClassType.create(DotName.createSimple(ProducerRegistry.class)));
            if (!KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(producer.name())) {
                bean.addQualifier(AnnotationInstance.builder(ProducerInjectionPoints.IDENTIFIER)
                        .value(producer.name()).build());
            }
            String name = producer.name();
            switch (producer.producerType()) {
                case SYNC -> bean.createWith(recorder.syncProducer(name, producer.keySerializer(),
                        producer.valueSerializer()));
                case ASYNC -> bean.createWith(recorder.asyncProducer(name, producer.keySerializer(),
                        producer.valueSerializer()));
                case REACTIVE -> bean.createWith(recorder.reactiveProducer(name, producer.keySerializer(),
                        producer.valueSerializer()));
                case TRANSACTIONAL -> bean.createWith(recorder.transactionalProducer(name, producer.keySerializer(),
                        producer.valueSerializer()));
            }
            syntheticBeans.produce(bean.done());
        }
    }

    @BuildStep
    void registerConfiguredSerializersForReflection(List<ProducerInjectionPointBuildItem> producers,
            BuildProducer<ReflectiveClassBuildItem> reflective) {
        producers.stream()
                .flatMap(p -> java.util.stream.Stream.of(p.keySerializer(), p.valueSerializer()))
                .filter(serializer -> !SerializerFactory.JSON.equals(serializer))
                .distinct()
                .forEach(serializer -> reflective.produce(ReflectiveClassBuildItem.builder(serializer).constructors()
                        .reason("a Kafka producer's serializer, instantiated by class name").build()));
    }

    @BuildStep
    void registerErrorLoggersForReflection(CombinedIndexBuildItem index,
            BuildProducer<ReflectiveClassBuildItem> reflective) {
        // the producers ask an error logger's class whether it overrides logError(error, record) (FailedRecords)
        DotName errorLogger = DotName.createSimple(ProducerErrorLogger.class);
        // the default one too: our runtime jar is not in the index
        reflective.produce(ReflectiveClassBuildItem.builder(ProducerErrorLogger.class, LoggingProducerErrorLogger.class)
                .methods().reason("asked whether an error logger takes the failed records").build());
        for (ClassInfo implementation : index.getIndex().getAllKnownImplementors(errorLogger)) {
            reflective.produce(ReflectiveClassBuildItem.builder(implementation.name().toString()).methods()
                    .reason("asked whether an error logger takes the failed records").build());
        }
    }

    @BuildStep
    void registerJsonTypesForReflection(List<ProducerInjectionPointBuildItem> producers,
            BuildProducer<ReflectiveHierarchyBuildItem> reflectiveHierarchy) {
        for (ProducerInjectionPointBuildItem producer : producers) {
            if (SerializerFactory.JSON.equals(producer.keySerializer())) {
                producer.keyType().ifPresent(type -> reflectiveHierarchy.produce(jsonType(type)));
            }
            if (SerializerFactory.JSON.equals(producer.valueSerializer())) {
                producer.valueType().ifPresent(type -> reflectiveHierarchy.produce(jsonType(type)));
            }
        }
    }

    private static ReflectiveHierarchyBuildItem jsonType(org.jboss.jandex.Type type) {
        // Jackson reads the fields and getters of a JSON value reflectively
        return ReflectiveHierarchyBuildItem.builder(type).source("Kafka producer JSON serialization").build();
    }

    @BuildStep
    RuntimeInitializedClassBuildItem defaultReportingAtRunTime() {
        // holds the factory's default telemetry, bound to the Micrometer global registry of the running application
        return new RuntimeInitializedClassBuildItem(
                "io.quarkiverse.kafkaproducer.runtime.telemetry.DefaultReporting$Holder");
    }
}
