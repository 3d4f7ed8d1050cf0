package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Named producers in one application, each with its own settings, each with a Kafka client of its own. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class NamedProducersTest {

    /** required-acks=none */
    @Inject
    @Identifier("unacknowledged")
    SyncProducer<String, String> unacknowledged;

    /** kafka."compression.type"=gzip */
    @Inject
    @Identifier("compressed")
    SyncProducer<String, String> compressed;

    /** queue-size=100, a 64 KiB buffer */
    @Inject
    @Identifier("small")
    AsyncProducer<String, String> small;

    @Inject
    SyncProducer<String, String> defaultProducer;

    @Inject
    ProducerRegistry registry;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void withoutAcknowledgementTheBrokerReportsNoOffsetYetTheRecordLands() {
        DeliveryReport report = unacknowledged.sendMessage("named-acks-none", "k", "fire and forget");

        // with acks=0 the broker answers nothing, so the client knows no offset: a settings effect seen from outside
        assertThat(report.offset()).isEqualTo(-1);
        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics("named-acks-none", 1)
                .awaitCompletion().getFirstRecord();
        assertThat(read.value()).isEqualTo("fire and forget");
        assertThat(defaultProducer.sendMessage("named-acks-none", "k", "acknowledged").offset()).isEqualTo(1);
    }

    @Test
    void eachNameHasItsOwnClientWithItsOwnSettings() {
        compressed.sendMessage("named-compressed", "k", "v".repeat(1000));
        small.sendMessage("named-small", "v");
        small.flush();

        assertThat(registry.engines()).containsKeys("sync/unacknowledged", "sync/compressed", "async/small",
                "sync/default");
        assertThat(setting("sync/unacknowledged", "acks")).isEqualTo("0");
        assertThat(setting("sync/unacknowledged", "enable.idempotence")).isEqualTo("false");
        assertThat(setting("sync/compressed", "compression.type")).isEqualTo("gzip");
        assertThat(setting("sync/compressed", "acks")).isEqualTo("all");
        assertThat(setting("async/small", "buffer.memory")).isEqualTo("65536");
        assertThat(setting("sync/default", "compression.type")).isEqualTo("null");
        assertThat(companion.consumeStrings().fromTopics("named-small", 1).awaitCompletion().getFirstRecord().value())
                .isEqualTo("v");
    }

    /** A setting of the Kafka client the producer really started, as text. */
    private String setting(String producer, String key) {
        return String.valueOf(registry.engines().get(producer).kafkaConfig().get(key));
    }
}
