package io.quarkiverse.kafkaproducer.docs;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.smallrye.common.annotation.Identifier;

@ApplicationScoped
public class PaymentService {

    /** A payment, written as JSON. */
    public record Payment(String orderId, BigDecimal amount) {
    }

    // tag::named[]
    @Inject
    @Identifier("payments") // <1>
    SyncProducer<String, Payment> payments;
    // end::named[]

    // tag::timeout[]
    public DeliveryReport pay(Payment payment) {
        ProducerRecord<String, Payment> record = new ProducerRecord<>("payments", payment.orderId(), payment);
        record.headers().add("source", "checkout".getBytes());
        return payments.sendMessage(record, Duration.ofSeconds(5)); // <1>
    }
    // end::timeout[]
}
