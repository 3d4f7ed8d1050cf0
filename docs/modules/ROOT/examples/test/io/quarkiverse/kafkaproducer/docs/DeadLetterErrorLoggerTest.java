package io.quarkiverse.kafkaproducer.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The dead-letter recipe end to end: a record that fails lands, whole, in the dead-letter topic. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class DeadLetterErrorLoggerTest {

    @Inject
    @Identifier("shipments")
    AsyncProducer<String, String> shipments;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aFailedRecordIsWrittenToTheDeadLetterTopic() {
        companion.topics().createAndWait("shipments", 1);
        shipments.sendMessage(new ProducerRecord<>("shipments", 4, "parcel-9", "{\"weight\":2}")); // no partition 4
        shipments.flush();

        ConsumerRecord<String, String> letter = companion.consumeStrings().fromTopics("shipments.dead-letters", 1)
                .awaitCompletion(Duration.ofSeconds(60)).getFirstRecord();
        assertThat(letter.key()).isEqualTo("parcel-9");
        assertThat(letter.value()).isEqualTo("{\"weight\":2}");
        assertThat(new String(letter.headers().lastHeader("dead-letter.topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("shipments");
        assertThat(new String(letter.headers().lastHeader("dead-letter.cause").value(), StandardCharsets.UTF_8))
                .isEqualTo("org.apache.kafka.common.errors.UnknownTopicOrPartitionException");
    }
}
