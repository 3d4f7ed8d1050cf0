package io.quarkiverse.kafkaproducer.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The Transactions page's examples, against the Dev Services broker; the second test reads what the first wrote. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(KafkaCompanionResource.class)
class TransferServiceTest {

    @Inject
    TransferService transfers;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    @Order(1)
    void aTransferIsVisibleWholeOrNotAtAll() {
        transfers.transfer("t-1", "alice", "bob", new BigDecimal("10.00"));
        assertThatThrownBy(() -> transfers.transfer("t-2", "carol", "carol", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);

        List<ConsumerRecord<String, String>> debits = readCommitted("debits", 1);
        assertThat(debits).extracting(ConsumerRecord::key).containsExactly("alice");
        assertThat(readCommitted("credits", 1)).extracting(ConsumerRecord::key).containsExactly("bob");
    }

    @Test
    @Order(2)
    void consumeTransformProduceCommitsTheOffsetsWithTheOutput() {
        transfers.transfer("t-3", "dave", "erin", new BigDecimal("5.00"));
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put("group.id", "balances");
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed");
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, TransferService.Movement> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new ObjectMapperDeserializer<>(TransferService.Movement.class))) {
            consumer.subscribe(List.of("credits"));
            Set<TopicPartition> credits = consumer.partitionsFor("credits").stream()
                    .map(p -> new TopicPartition("credits", p.partition())).collect(Collectors.toSet());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int transformed = 0;
            while (transformed < 2 && System.nanoTime() < deadline) {
                transformed += transfers.transformOnce(consumer);
            }
            // both committed credits (t-1 and t-3) were read, and the group's offsets committed with their output
            assertThat(transformed).isEqualTo(2);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(credits);
            for (TopicPartition partition : consumer.assignment()) {
                if (consumer.position(partition) > 0) {
                    assertThat(committed.get(partition)).as("committed offset of %s", partition).isNotNull();
                }
            }
        }
        assertThat(readCommitted("balances", 2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("bob", "erin");
    }

    private List<ConsumerRecord<String, String>> readCommitted(String topic, int atLeast) {
        return companion.consumeStrings().withProp("isolation.level", "read_committed").fromTopics(topic, atLeast)
                .awaitCompletion(Duration.ofSeconds(30)).getRecords();
    }
}
