package io.quarkiverse.kafkaproducer.benchmarks.http.ours;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.smallrye.mutiny.Uni;

/** Sends the request's body as a record's value and answers with the offset the broker gave it. */
@Path("/records")
public class RecordsResource {

    @Inject
    ReactiveProducer<byte[], byte[]> producer;

    @ConfigProperty(name = "bench.topic")
    String topic;

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Long> send(byte[] body) {
        return producer.sendMessage(topic, body).map(DeliveryReport::offset);
    }
}
