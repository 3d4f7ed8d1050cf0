package io.quarkiverse.kafkaproducer.docs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerOptions;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.RequiredAcks;
import io.quarkiverse.kafkaproducer.SyncProducer;

/** The Go package's examples, line by line, with the programmatic factory. */
public final class MigrationExamples {

    private MigrationExamples() {
    }

    /** Sends one record and a batch through a factory-made sync producer; returns the reports. */
    public static List<DeliveryReport> syncProducer(String brokers) {
        byte[] jsonData = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        // tag::sync[]
        try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer("example-service", brokers, // <1>
                ProducerOptions.withRetryMax(5),
                ProducerOptions.withRetryBackoff(Duration.ofMillis(250)),
                ProducerOptions.withRequiredAcks(RequiredAcks.ALL))) {

            ProducerRecord<byte[], byte[]> msg = new ProducerRecord<>("example-topic", jsonData); // <2>

            // Send single message with delivery confirmation
            DeliveryReport report = producer.sendMessage(msg); // <3>

            // Send multiple messages
            List<DeliveryReport> reports = producer.sendMessages(List.of(msg, msg)); // <4>
            // end::sync[]
            return List.of(report, reports.get(0), reports.get(1));
            // tag::sync[]
        } // <5>
          // end::sync[]
    }

    /** Hands two records to a factory-made async producer, flushes and closes it. */
    public static void asyncProducer(String brokers, ProducerTelemetry telemetry, ProducerErrorLogger errorLogger) {
        // tag::async[]
        try (AsyncProducer<String, String> producer = KafkaProducers.newAsyncProducer("example-service", brokers,
                new StringSerializer(), new StringSerializer(), // <1>
                ProducerOptions.withName("clicks"),
                ProducerOptions.withTelemetry(telemetry),
                ProducerOptions.withErrorLogger(errorLogger),
                ProducerOptions.withConfig(Map.of("compression.type", "lz4")))) { // <2>

            // Send single message
            producer.sendMessage("example-topic", "user-1", "clicked"); // <3>

            // Send multiple messages
            producer.sendMessages(List.of(new ProducerRecord<>("example-topic", "user-2", "clicked")));

            producer.flush(); // <4>
        }
        // end::async[]
    }

    /** The Go {@code ctx} with a deadline becomes a timeout. */
    public static DeliveryReport withDeadline(SyncProducer<String, String> producer) {
        // tag::deadline[]
        // Go: ctx, cancel := context.WithTimeout(ctx, 2*time.Second); producer.SendMessage(ctx, msg)
        return producer.sendMessage(new ProducerRecord<>("example-topic", "key", "value"), Duration.ofSeconds(2));
        // end::deadline[]
    }
}
