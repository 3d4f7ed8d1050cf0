package io.quarkiverse.kafkaproducer.docs;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.quarkiverse.kafkaproducer.DeliveryReport;

// tag::resource[]
@Path("/orders")
public class OrderResource {

    @Inject
    OrderService service;

    @POST
    public DeliveryReport place(Order order) { // <1>
        return service.place(order); // <2>
    }
}
// end::resource[]
