package io.quarkiverse.kafkaproducer.deployment.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;

/**
 * Reactive producers are injected like the others, default and named, with JSON values, their own config group and
 * their own Kafka clients, and measured with {@code type=reactive}; against the Dev Services broker.
 */
class ReactiveInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.application.name", "shop")
            .overrideConfigKey("quarkus.kafka-producer.reactive.retry-max", "3")
            .overrideConfigKey("quarkus.kafka-producer.reactive.\"audit\".max-in-flight", "2")
            .overrideConfigKey("quarkus.kafka-producer.reactive.\"audit\".kafka.\"linger.ms\"", "0");

    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void addRegistry() {
        Metrics.addRegistry(REGISTRY);
    }

    @AfterAll
    static void removeRegistry() {
        Metrics.removeRegistry(REGISTRY);
    }

    record Entry(String who, long cents) {
    }

    @Inject
    ReactiveProducer<String, String> orders;

    @Inject
    @Identifier("audit")
    ReactiveProducer<String, Entry> audit;

    @Inject
    ProducerRegistry registry;

    @Test
    void defaultAndNamedProducersSendAndAreMeasuredAsReactive() {
        DeliveryReport order = orders.sendMessage("reactive-orders", "k", "v").await().atMost(Duration.ofSeconds(30));
        assertThat(order.topic()).isEqualTo("reactive-orders");
        assertThat(order.offset()).isZero();

        List<DeliveryReport> entries = audit.sendMessages(Multi.createFrom().range(0, 10)
                .map(i -> new ProducerRecord<>("reactive-audit", "k" + i, new Entry("w" + i, i))))
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(entries).extracting(DeliveryReport::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

        assertThat(registry.engines()).containsKeys("reactive/default", "reactive/audit");
        assertThat(registry.engines().get("reactive/audit").kafkaConfig()).containsEntry("linger.ms", "0")
                .containsEntry("retries", 3) // the default reactive producer's
                .containsEntry("client.id", "shop-audit-reactive");
        assertThat(REGISTRY.find("kafka.producer.write.latency").tag("type", "reactive").tag("topic", "reactive-audit")
                .timer().count()).isEqualTo(10);
        assertThat(REGISTRY.find("kafka.producer.write.size").tag("type", "reactive").tag("topic", "reactive-orders")
                .summary().totalAmount()).isPositive();
    }
}
