package org.acme.shared;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;

/** Sends the body and answers with the broker it went to and where the record landed. */
@Path("/send")
public class SendResource {

    @Inject
    SyncProducer<String, String> producer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @POST
    @Path("/{topic}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String send(@PathParam("topic") String topic, String value) {
        DeliveryReport report = producer.sendMessage(topic, value);
        return bootstrapServers + " " + report.partition() + " " + report.offset();
    }
}
