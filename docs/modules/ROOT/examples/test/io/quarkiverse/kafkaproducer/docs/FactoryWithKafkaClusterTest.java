package io.quarkiverse.kafkaproducer.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.broker.KafkaCluster;

// tag::cluster[]
class FactoryWithKafkaClusterTest {

    static KafkaCluster cluster;

    @BeforeAll
    static void startBroker() {
        cluster = KafkaCluster.builder().startTimeout(Duration.ofSeconds(90)).build().start(); // <1>
    }

    @AfterAll
    static void stopBroker() {
        cluster.close(); // <2>
    }

    @Test
    void migratedSyncProducerDelivers() {
        List<DeliveryReport> reports = MigrationExamples.syncProducer(cluster.bootstrapServers()); // <3>
        assertThat(reports).extracting(DeliveryReport::topic).containsOnly("example-topic");
        assertThat(reports.get(1).offset()).isEqualTo(reports.get(0).offset() + 1);
    }
    // end::cluster[]

    @Test
    void migratedAsyncProducerReportsEveryRecord() {
        List<Boolean> outcomes = new CopyOnWriteArrayList<>();
        List<ProducerException> errors = new CopyOnWriteArrayList<>();
        ProducerTelemetry telemetry = new ProducerTelemetry() {
            @Override
            public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                    ProducerType type, String clientId, boolean success) {
                outcomes.add(success);
            }

            @Override
            public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                    String clientId, boolean success) {
            }
        };
        MigrationExamples.asyncProducer(cluster.bootstrapServers(), telemetry, errors::add);
        assertThat(outcomes).containsExactly(true, true);
        assertThat(errors).isEmpty();
    }
    // tag::cluster[]
}
// end::cluster[]
