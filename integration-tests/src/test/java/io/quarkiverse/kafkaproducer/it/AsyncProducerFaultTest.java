package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The async producer while its only broker is down. */
@QuarkusTest
@TestProfile(ControlledBrokerProfile.class)
class AsyncProducerFaultTest {

    @Inject
    AsyncProducer<String, String> producer;

    /** delivery-timeout=5s */
    @Inject
    @Identifier("short")
    AsyncProducer<String, String> shortTimeout;

    /** queue-size=100, buffer.memory=64 KiB */
    @Inject
    @Identifier("small")
    AsyncProducer<String, String> small;

    @Inject
    RecordingErrorLogger errors;

    @AfterEach
    void brokerIsBack() {
        ControlledBroker.ensureRunning();
    }

    @Test
    void neverBlocksWhileTheBrokerIsDownAndDeliversWhenItReturns() {
        ControlledBroker.cluster().stop(ControlledBroker.NODE);
        int count = 2_000;
        long slowest = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            producer.sendMessage("async-never-seen", String.valueOf(i)); // a topic the producer has never seen
            slowest = Math.max(slowest, System.nanoTime() - before);
        }
        long average = (System.nanoTime() - start) / count;
        // Kafka's own send() would wait up to max.block.ms (60 s) for metadata on the first call
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(average)).isLessThan(Duration.ofMillis(1));

        ControlledBroker.cluster().restart(ControlledBroker.NODE);
        producer.flush();
        try (KafkaCompanion companion = new KafkaCompanion(ControlledBroker.cluster().bootstrapServers())) {
            List<ConsumerRecord<String, String>> read = companion.consumeStrings()
                    .fromTopics("async-never-seen", count).awaitCompletion(Duration.ofMinutes(1)).getRecords();
            Set<String> values = new HashSet<>();
            read.forEach(r -> values.add(r.value()));
            assertThat(values).hasSize(count);
        }
        assertThat(errors.errorsFor("async-never-seen")).isEmpty();
    }

    @Test
    void recordsAreReportedOnceTheDeliveryTimeoutPassed() {
        shortTimeout.sendMessage("async-down", "warm-up");
        shortTimeout.flush();
        ControlledBroker.cluster().stop(ControlledBroker.NODE);

        for (int i = 0; i < 10; i++) {
            shortTimeout.sendMessage("async-down", "v" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> errors.errorsFor("async-down").size() >= 10);
        List<ProducerException> reported = errors.errorsFor("async-down");
        assertThat(reported).hasSize(10);
        assertThat(reported).allSatisfy(e -> {
            assertThat(e.producerName()).isEqualTo("short");
            assertThat(e.getCause()).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        });
    }

    @Test
    void overflowFailsTheSurplusToTheErrorLoggerAndDeliversTheRest() throws Exception {
        small.sendMessage("async-overflow", "warm-up");
        small.flush();
        ControlledBroker.cluster().stop(ControlledBroker.NODE);

        int count = 5_000;
        String value = "v".repeat(100);
        for (int i = 0; i < count; i++) {
            small.sendMessage("async-overflow", String.valueOf(i), value);
        }
        // 64 KiB of client buffer and 100 waiting records cannot hold 5,000 records of 100 bytes
        int refused = errors.errorsFor("async-overflow").size();
        assertThat(refused).isGreaterThan(0).isLessThan(count);

        ControlledBroker.cluster().restart(ControlledBroker.NODE);
        small.flush();
        int delivered = count - errors.errorsFor("async-overflow").size();
        // delivered + reported = handed over, exactly (the +1 is the warm-up record)
        assertThat(Topics.endOffsetSum(ControlledBroker.cluster().bootstrapServers(), "async-overflow"))
                .isEqualTo(delivered + 1);
    }
}
