package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The sync producer while its only broker restarts or is down. */
@QuarkusTest
@TestProfile(ControlledBrokerProfile.class)
class SyncProducerFaultTest {

    private static final int RECORDS_PER_PARTITION = 10_000;

    @Inject
    SyncProducer<String, String> producer;

    /** delivery-timeout=5s in application.properties */
    @Inject
    @Identifier("short")
    SyncProducer<String, String> shortTimeout;

    @AfterEach
    void brokerIsBack() {
        ControlledBroker.ensureRunning();
    }

    @Test
    void ordersEveryPartitionWithoutLossOrDuplicatesAcrossABrokerRestart() throws Exception {
        try (KafkaCompanion companion = new KafkaCompanion(ControlledBroker.cluster().bootstrapServers())) {
            companion.topics().createAndWait("sync-order", 2);
            CountDownLatch halfway = new CountDownLatch(2);
            ExecutorService senders = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                int p = partition;
                done.add(senders.submit(() -> {
                    for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                        producer.sendMessage(new ProducerRecord<>("sync-order", p, null, String.valueOf(i)));
                        if (i == RECORDS_PER_PARTITION / 2) {
                            halfway.countDown();
                        }
                    }
                    return null;
                }));
            }
            assertThat(halfway.await(2, TimeUnit.MINUTES)).isTrue();
            ControlledBroker.cluster().restart(ControlledBroker.NODE); // the senders block meanwhile, then go on
            for (Future<?> sender : done) {
                sender.get(3, TimeUnit.MINUTES); // a ProducerException here would fail the test
            }
            senders.shutdown();

            List<ConsumerRecord<String, String>> read = companion.consumeStrings()
                    .fromTopics("sync-order", 2 * RECORDS_PER_PARTITION).awaitCompletion(Duration.ofMinutes(1))
                    .getRecords();
            for (int partition = 0; partition < 2; partition++) {
                int p = partition;
                List<Integer> values = read.stream().filter(r -> r.partition() == p).map(r -> Integer.valueOf(r.value()))
                        .toList();
                // exactly 0..N-1 in send order: nothing lost, duplicated or reordered
                assertThat(values).hasSize(RECORDS_PER_PARTITION);
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    assertThat(values.get(i)).as("partition %d, position %d", p, i).isEqualTo(i);
                }
            }
        }
    }

    @Test
    void perCallTimeoutBoundsTheCallWhenTheBrokerIsDown() {
        producer.sendMessage("sync-down", "warm-up"); // metadata known, so only the broker's absence is tested
        ControlledBroker.cluster().stop(ControlledBroker.NODE);

        long start = System.nanoTime();
        assertThatThrownBy(() -> producer.sendMessage(new ProducerRecord<>("sync-down", "v"), Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    assertThat(e.topic()).isEqualTo("sync-down");
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.getMessage()).contains("2");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    void deliveryTimeoutBoundsTheCallWhenTheBrokerIsDown() {
        shortTimeout.sendMessage("sync-down-short", "warm-up");
        ControlledBroker.cluster().stop(ControlledBroker.NODE);

        long start = System.nanoTime();
        assertThatThrownBy(() -> shortTimeout.sendMessage("sync-down-short", "v"))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    assertThat(e.topic()).isEqualTo("sync-down-short");
                    assertThat(e.producerName()).isEqualTo("short");
                    assertThat(e.getCause()).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
                    assertThat(e.getMessage()).doesNotContain("no answer yet");
                });
        // delivery-timeout=5s bounds the whole call; what the clock adds on a busy machine aside
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5_000 + 1_500));
    }

    @Test
    void aPartitionTheTopicDoesNotHaveFailsAsSoonAsTheTopicIsKnown() {
        // the controlled broker creates topics on demand: the record waits for the new topic's metadata, then fails
        long start = System.nanoTime();
        assertThatThrownBy(() -> shortTimeout.sendMessage(new ProducerRecord<>("sync-missing-partition", 7, "k", "v")))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    assertThat(e.topic()).isEqualTo("sync-missing-partition");
                    assertThat(e.partition()).isEqualTo(7);
                    assertThat(e.getCause())
                            .isInstanceOf(org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class);
                    assertThat(e.getMessage()).contains("Partition 7 of topic 'sync-missing-partition' does not exist");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5_000));
    }
}
