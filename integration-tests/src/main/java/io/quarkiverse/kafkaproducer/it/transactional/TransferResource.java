package io.quarkiverse.kafkaproducer.it.transactional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * Writes the body twice in one transaction, on a virtual thread when the JVM has them (Java 21 and later; on Java 17
 * Quarkus runs the method on a worker thread), and answers with the thread that ran it.
 */
@Path("/transfer")
public class TransferResource {

    @Inject
    TransactionalProducer<String, String> producer;

    @POST
    @Path("/{topic}")
    @RunOnVirtualThread
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String transfer(@PathParam("topic") String topic, String value) {
        producer.inTransaction(tx -> {
            tx.send(topic, "debit", value);
            tx.send(topic, "credit", value);
            return null;
        });
        return Thread.currentThread().toString();
    }
}
