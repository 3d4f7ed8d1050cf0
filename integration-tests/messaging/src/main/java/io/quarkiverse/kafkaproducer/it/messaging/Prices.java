package io.quarkiverse.kafkaproducer.it.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;

/**
 * Both ways between the two extensions: prices are written by this extension's producer and read by a Quarkus
 * Messaging channel; orders are written by a Quarkus Messaging emitter (and read back by the test).
 */
@ApplicationScoped
public class Prices {

    @Inject
    SyncProducer<String, String> producer;

    @Inject
    @Channel("orders-out")
    Emitter<String> orders;

    private final List<String> received = new CopyOnWriteArrayList<>();

    public DeliveryReport publishPrice(String item, String price) {
        return producer.sendMessage("prices", item, price);
    }

    public void placeOrder(String order) {
        orders.send(order);
    }

    @Incoming("prices-in")
    void receive(String price) {
        received.add(price);
    }

    public List<String> received() {
        return received;
    }
}
