package io.quarkiverse.kafkaproducer.runtime.cdi;

import java.util.function.Function;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Creates the synthetic producer beans that the deployment module declares for each injection point found at build
 * time.
 */
@Recorder
public class KafkaProducerRecorder {

    public Function<SyntheticCreationalContext<SyncProducer<?, ?>>, SyncProducer<?, ?>> syncProducer(String name,
            String keySerializer, String valueSerializer) {
        return context -> context.getInjectedReference(ProducerRegistry.class).syncProducer(name, keySerializer,
                valueSerializer);
    }

    public Function<SyntheticCreationalContext<AsyncProducer<?, ?>>, AsyncProducer<?, ?>> asyncProducer(String name,
            String keySerializer, String valueSerializer) {
        return context -> context.getInjectedReference(ProducerRegistry.class).asyncProducer(name, keySerializer,
                valueSerializer);
    }

    public Function<SyntheticCreationalContext<ReactiveProducer<?, ?>>, ReactiveProducer<?, ?>> reactiveProducer(
            String name, String keySerializer, String valueSerializer) {
        return context -> context.getInjectedReference(ProducerRegistry.class).reactiveProducer(name, keySerializer,
                valueSerializer);
    }

    public Function<SyntheticCreationalContext<TransactionalProducer<?, ?>>, TransactionalProducer<?, ?>> transactionalProducer(
            String name, String keySerializer, String valueSerializer) {
        return context -> context.getInjectedReference(ProducerRegistry.class).transactionalProducer(name,
                keySerializer, valueSerializer);
    }
}
