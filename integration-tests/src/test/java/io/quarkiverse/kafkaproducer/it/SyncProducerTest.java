package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerErrors;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.Vertx;

/** The default sync producer against the Dev Services broker. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class SyncProducerTest {

    @Inject
    SyncProducer<String, String> producer;

    @Inject
    Vertx vertx;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void recordRoundTripsWithKeyValueHeadersAndItsReportedPosition() {
        companion.topics().createAndWait("sync-round-trip", 3);
        ProducerRecord<String, String> record = new ProducerRecord<>("sync-round-trip", 1, "key-1", "value-1");
        record.headers().add(new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8)));

        DeliveryReport report = producer.sendMessage(record);

        assertThat(report.topic()).isEqualTo("sync-round-trip");
        assertThat(report.partition()).isEqualTo(1);
        assertThat(report.offset()).isZero();
        assertThat(report.timestamp()).isNotNull();
        ConsumerRecord<String, String> read = companion.consumeStrings().fromTopics("sync-round-trip", 1)
                .awaitCompletion().getFirstRecord();
        assertThat(read.partition()).isEqualTo(report.partition());
        assertThat(read.offset()).isEqualTo(report.offset());
        assertThat(read.key()).isEqualTo("key-1");
        assertThat(read.value()).isEqualTo("value-1");
        assertThat(new String(read.headers().lastHeader("trace").value(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(read.timestamp()).isEqualTo(report.timestamp().toEpochMilli());
    }

    @Test
    void batchReturnsOneReportPerRecordInInputOrder() {
        companion.topics().createAndWait("sync-batch", 2);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(new ProducerRecord<>("sync-batch", i % 2, "k" + i, "v" + i));
        }

        List<DeliveryReport> reports = producer.sendMessages(records);

        assertThat(reports).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(reports.get(i).partition()).isEqualTo(i % 2);
            assertThat(reports.get(i).offset()).isEqualTo(i / 2);
        }
        List<ConsumerRecord<String, String>> read = companion.consumeStrings().fromTopics("sync-batch", 100)
                .awaitCompletion().getRecords();
        assertThat(read).extracting(ConsumerRecord::value).containsAll(records.stream().map(ProducerRecord::value).toList());
    }

    @Test
    void batchWithATooLargeRecordReportsItByIndexAndDeliversTheOthers() {
        companion.topics().createAndWait("sync-batch-partial", 1);
        String tooLarge = "x".repeat(2 * 1024 * 1024); // above the default max.request.size of 1 MiB
        List<ProducerRecord<String, String>> records = List.of(
                new ProducerRecord<>("sync-batch-partial", "a", "first"),
                new ProducerRecord<>("sync-batch-partial", "b", tooLarge),
                new ProducerRecord<>("sync-batch-partial", "c", "third"));

        assertThatThrownBy(() -> producer.sendMessages(records))
                .isInstanceOfSatisfying(ProducerErrors.class, errors -> {
                    assertThat(errors.failures()).hasSize(1);
                    ProducerErrors.Failure failure = errors.failures().get(0);
                    assertThat(failure.index()).isEqualTo(1);
                    assertThat(failure.error().topic()).isEqualTo("sync-batch-partial");
                    assertThat(failure.error().producerType()).isEqualTo(ProducerType.SYNC);
                    assertThat(failure.error()).hasCauseInstanceOf(RecordTooLargeException.class);
                    assertThat(failure.error().getMessage()).doesNotContain("xxxx");
                    assertThat(errors.delivered()).containsOnlyKeys(0, 2);
                    assertThat(errors.delivered().get(0).offset()).isZero();
                    assertThat(errors.delivered().get(2).offset()).isEqualTo(1);
                });
        assertThat(companion.consumeStrings().fromTopics("sync-batch-partial", 2).awaitCompletion().getRecords())
                .extracting(ConsumerRecord::value).containsExactly("first", "third");
    }

    @Test
    void tooLargeRecordFailsAloneWithAPreciseCause() {
        String tooLarge = "secret-" + "y".repeat(2 * 1024 * 1024);

        assertThatThrownBy(() -> producer.sendMessage("sync-too-large", "k", tooLarge))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    assertThat(e.topic()).isEqualTo("sync-too-large");
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e).hasCauseInstanceOf(RecordTooLargeException.class);
                    assertThat(e.getMessage()).doesNotContain("secret-");
                });
        // the producer still works afterwards
        assertThat(producer.sendMessage("sync-too-large", "k", "small").offset()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void badArgumentsThrowAtOnceNamingTheProblem() {
        assertThatThrownBy(() -> producer.sendMessage((ProducerRecord<String, String>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("record");
        assertThatThrownBy(() -> producer.sendMessage(new ProducerRecord<>("", "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> producer.sendMessage(new ProducerRecord<>("bad topic!", "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad topic!");
        assertThatThrownBy(() -> producer.sendMessages(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("records");
        List<ProducerRecord<String, String>> withNull = new ArrayList<>();
        withNull.add(new ProducerRecord<>("sync-bad-input", "v"));
        withNull.add(null);
        assertThatThrownBy(() -> producer.sendMessages(withNull))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("1");
        // nothing of the refused batch was sent
        assertThat(companion.topics().list()).doesNotContain("sync-bad-input");
    }

    @Test
    void injectedProducerCannotBeClosedByTheApplication() {
        assertThatThrownBy(() -> producer.close()).isInstanceOf(IllegalStateException.class);
        assertThat(producer.sendMessage("sync-still-open", "v").offset()).isZero();
    }

    @Test
    void refusesToBlockAVertxEventLoop() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                producer.sendMessage("sync-event-loop", "v");
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(BlockingOperationNotAllowedException.class)
                .hasMessageContaining("worker thread");
    }

    @Test
    void perCallTimeoutBoundsTheWait() {
        DeliveryReport report = producer.sendMessage(new ProducerRecord<>("sync-timeout", "v"), Duration.ofSeconds(30));
        assertThat(report.topic()).isEqualTo("sync-timeout");
    }
}
