package io.quarkiverse.kafkaproducer.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

// tag::test[]
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class) // <1>
class OrderServiceTest {

    @Inject
    OrderService service;

    @InjectKafkaCompanion // <2>
    KafkaCompanion companion;

    @Test
    void placedOrderIsInKafka() {
        DeliveryReport report = service.place(new Order("o-1", "alice", new BigDecimal("9.90")));

        ConsumerRecord<String, String> record = companion.consumeStrings() // <3>
                .fromTopics("orders", 1)
                .awaitCompletion(Duration.ofSeconds(30))
                .getFirstRecord();
        assertThat(record.key()).isEqualTo("o-1");
        assertThat(record.value()).isEqualTo("{\"id\":\"o-1\",\"customer\":\"alice\",\"total\":9.90}"); // <4>
        assertThat(record.offset()).isEqualTo(report.offset());
    }
}
// end::test[]
