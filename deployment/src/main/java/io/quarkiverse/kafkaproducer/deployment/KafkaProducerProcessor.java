package io.quarkiverse.kafkaproducer.deployment;

import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.ParameterizedType;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.DefaultAsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.DefaultSyncProducer;
import io.quarkiverse.kafkaproducer.runtime.cdi.DefaultBeans;
import io.quarkiverse.kafkaproducer.runtime.cdi.KafkaProducerRecorder;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;

class KafkaProducerProcessor {

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
    void discoverInjectedProducers(BeanDiscoveryFinishedBuildItem beanDiscovery,
            BuildProducer<ProducerInjectionPointBuildItem> producers) {
        ProducerInjectionPoints.collect(beanDiscovery.getInjectionPoints()).forEach(producers::produce);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void registerProducerBeans(KafkaProducerRecorder recorder, List<ProducerInjectionPointBuildItem> producers,
            BuildProducer<SyntheticBeanBuildItem> syntheticBeans) {
        for (ProducerInjectionPointBuildItem producer : producers) {
            boolean sync = producer.producerType() == ProducerType.SYNC;
            DotName face = sync ? ProducerInjectionPoints.SYNC_PRODUCER : ProducerInjectionPoints.ASYNC_PRODUCER;
            String keyType = ProducerInjectionPoints.typeName(producer.keyType());
            String valueType = ProducerInjectionPoints.typeName(producer.valueType());
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem
                    .configure(sync ? DefaultSyncProducer.class : DefaultAsyncProducer.class)
                    .types(ParameterizedType.create(face, new org.jboss.jandex.Type[] { producer.keyType(),
                            producer.valueType() }, null))
                    .scope(Singleton.class)
                    .setRuntimeInit()
                    .addInjectionPoint(ClassType.create(DotName.createSimple(ProducerRegistry.class)));
            if (!KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(producer.name())) {
                bean.addQualifier(AnnotationInstance.builder(ProducerInjectionPoints.IDENTIFIER)
                        .value(producer.name()).build());
            }
            if (sync) {
                bean.createWith(recorder.syncProducer(producer.name(), keyType, valueType));
            } else {
                bean.createWith(recorder.asyncProducer(producer.name(), keyType, valueType));
            }
            syntheticBeans.produce(bean.done());
        }
    }
}
