package io.quarkiverse.kafkaproducer.it.opentelemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;

/** Injects a producer, so that the native sources hold the producers' beans and, with OpenTelemetry, their tracer. */
@ApplicationScoped
public class Sender {

    @Inject
    SyncProducer<String, String> producer;

    public DeliveryReport send(String topic, String value) {
        return producer.sendMessage(topic, value);
    }
}
