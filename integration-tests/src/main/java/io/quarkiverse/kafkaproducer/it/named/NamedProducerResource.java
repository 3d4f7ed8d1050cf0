package io.quarkiverse.kafkaproducer.it.named;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.smallrye.common.annotation.Identifier;

/** Sends through named producers: one writing a record type as JSON, one with a serializer configured by class name. */
@Path("/produce/named")
public class NamedProducerResource {

    @Inject
    @Identifier("orders")
    SyncProducer<String, Order> orders;

    /** value-serializer=ShoutingSerializer in application.properties */
    @Inject
    @Identifier("shouting")
    SyncProducer<String, String> shouting;

    /**
     * An order of one line, keyed by its id. Made from query parameters, not read from a JSON body: the REST layer
     * would register a body type for reflection itself, and hide whether the producer's registration works.
     */
    @POST
    @Path("/orders/{topic}")
    @Produces(MediaType.APPLICATION_JSON)
    public DeliveryReport order(@PathParam("topic") String topic, @QueryParam("id") String id,
            @QueryParam("sku") String sku, @QueryParam("quantity") int quantity) {
        return orders.sendMessage(topic, id, new Order(id, List.of(new Order.Line(sku, quantity))));
    }

    @POST
    @Path("/shouting/{topic}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public DeliveryReport shout(@PathParam("topic") String topic, @QueryParam("key") String key, String value) {
        return shouting.sendMessage(topic, key, value);
    }
}
