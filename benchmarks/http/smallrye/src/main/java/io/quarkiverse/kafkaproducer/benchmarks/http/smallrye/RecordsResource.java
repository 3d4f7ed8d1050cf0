package io.quarkiverse.kafkaproducer.benchmarks.http.smallrye;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * Sends the request's body as a record's value and answers with the offset the broker gave it, as SmallRye's
 * documentation shows for a send that needs its {@link RecordMetadata}: through the Kafka producer of an outgoing
 * channel.
 */
@Path("/records")
public class RecordsResource {

    /** Unused: an outgoing channel exists, and has a producer, only when something emits to it. */
    @Inject
    @Channel("records")
    Emitter<byte[]> channel;

    @Inject
    KafkaClientService clients;

    @ConfigProperty(name = "mp.messaging.outgoing.records.topic")
    String topic;

    private KafkaProducer<byte[], byte[]> producer;

    @PostConstruct
    void init() {
        producer = clients.getProducer("records");
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Long> send(byte[] body) {
        return producer.send(new ProducerRecord<>(topic, body)).map(RecordMetadata::offset);
    }
}
