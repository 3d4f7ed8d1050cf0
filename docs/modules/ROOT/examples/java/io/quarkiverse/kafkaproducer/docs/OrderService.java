package io.quarkiverse.kafkaproducer.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;

@ApplicationScoped
public class OrderService {

    // tag::inject[]
    @Inject
    SyncProducer<String, Order> orders; // <1>

    @Inject
    AsyncProducer<String, String> clicks; // <2>
    // end::inject[]

    // tag::send-sync[]
    public DeliveryReport place(Order order) {
        DeliveryReport report = orders.sendMessage("orders", order.id(), order); // <1>
        // the record is stored: report.partition() and report.offset() say where
        return report;
    }
    // end::send-sync[]

    // tag::send-async[]
    public void clicked(String user, String page) {
        clicks.sendMessage("clicks", user, page); // <1>
    }
    // end::send-async[]
}
