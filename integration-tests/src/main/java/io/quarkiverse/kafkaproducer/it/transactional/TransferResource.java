package io.quarkiverse.kafkaproducer.it.transactional;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.kafkaproducer.TransactionalProducer;

/**
 * Writes the body twice in one transaction on a virtual thread, and answers with that thread. The module is built for
 * Java 17, where Quarkus refuses {@code @RunOnVirtualThread} at build time, so the virtual thread comes from
 * {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up when the JVM runs (Java 21 and later); on an older
 * JVM the answer is 501.
 */
@Path("/transfer")
public class TransferResource {

    @Inject
    TransactionalProducer<String, String> producer;

    @POST
    @Path("/{topic}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public Response transfer(@PathParam("topic") String topic, String value) throws Exception {
        ExecutorService virtualThreads;
        try {
            virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
        } catch (NoSuchMethodException olderJvm) {
            return Response.status(501).entity("no virtual threads in Java " + Runtime.version() + "\n").build();
        }
        try {
            String thread = virtualThreads.submit(() -> {
                producer.inTransaction(tx -> {
                    tx.send(topic, "debit", value);
                    tx.send(topic, "credit", value);
                    return null;
                });
                return Thread.currentThread().toString();
            }).get(2, TimeUnit.MINUTES);
            return Response.ok(thread).build();
        } finally {
            virtualThreads.shutdown();
        }
    }
}
