package io.quarkiverse.kafkaproducer.runtime.producers;

import static io.quarkiverse.kafkaproducer.runtime.engine.EngineFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.engine.EngineFixture;
import io.quarkiverse.kafkaproducer.runtime.engine.Recorder;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.runtime.IOThreadDetector;

class AsyncProducerTest {

    private EngineFixture fixture;

    private DefaultAsyncProducer<String, String> producer(boolean autoComplete) {
        fixture = new EngineFixture(ProducerType.ASYNC, autoComplete);
        return new DefaultAsyncProducer<>(fixture.engine, new StringSerializer(), new StringSerializer(), false);
    }

    @Test
    void sendReturnsAtOnceAndReportsWhenTheBrokerAnswers() {
        DefaultAsyncProducer<String, String> producer = producer(false);
        producer.sendMessage("t", "k", "v");
        producer.sendMessages(List.of(new ProducerRecord<>("t", "a"), new ProducerRecord<>("u", "b")));
        assertThat(fixture.recorder.latencies).isEmpty();

        fixture.client.completeNext();
        fixture.client.errorNext(new KafkaException("boom"));
        fixture.client.completeNext();

        assertThat(fixture.recorder.latencies).hasSize(3);
        assertThat(fixture.recorder.successes()).isEqualTo(2);
        assertThat(fixture.recorder.errors).singleElement().satisfies(e -> {
            assertThat(e.producerType()).isEqualTo(ProducerType.ASYNC);
            assertThat(e.getMessage()).isEqualTo(
                    "Kafka producer 'orders' (async) could not deliver a record to topic 't' partition 0: boom");
        });
    }

    @Test
    void flushWaitsForParkedAndBufferedRecords() {
        DefaultAsyncProducer<String, String> producer = producer(false);
        fixture.client.topicsWithoutMetadata.add("new");
        producer.sendMessage("old", "1");
        producer.sendMessage("new", "2");

        CompletableFuture<Void> flush = CompletableFuture.runAsync(producer::flush);
        await().during(Duration.ofMillis(100)).until(() -> !flush.isDone());

        fixture.client.topicsWithoutMetadata.clear();

        flush.join(); // MockProducer.flush completes what entered the client
        assertThat(fixture.recorder.latencies).hasSize(2).allMatch(Recorder.Call::success);
    }

    @Test
    void closeReportsEveryUndeliveredRecordOnce() {
        DefaultAsyncProducer<String, String> producer = producer(false);
        for (int i = 0; i < 5; i++) {
            producer.sendMessage("buffered", SECRET);
        }
        fixture.client.topicsWithoutMetadata.add("parked");
        producer.sendMessage("parked", SECRET);
        producer.sendMessage("parked", SECRET);

        fixture.engine.close(Duration.ofMillis(200));

        assertThat(fixture.recorder.errors).hasSize(7);
        assertThat(fixture.recorder.errors).filteredOn(e -> e.topic().equals("parked"))
                .hasSize(2).allSatisfy(e -> assertThat(e.getCause()).hasMessageContaining("was closed before"));
        assertThat(fixture.recorder.errors).filteredOn(e -> e.topic().equals("buffered"))
                .hasSize(5).allSatisfy(e -> assertThat(e.getCause()).hasMessage("Producer is closed forcefully."));
        assertThat(fixture.recorder.errors).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThat(fixture.recorder.latencies).hasSize(7).noneMatch(Recorder.Call::success);
        assertThat(fixture.recorder.sizes).hasSize(7);
        assertThat(fixture.client.closedWith).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> producer.sendMessage("t", "v")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka producer 'orders' (async) is closed");
        assertThatThrownBy(producer::flush).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeGivesParkedRecordsTheCloseTimeoutToEnter() {
        DefaultAsyncProducer<String, String> producer = producer(true);
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage("t", "1");
        CompletableFuture<Void> close = CompletableFuture.runAsync(() -> fixture.engine.close(Duration.ofSeconds(30)));
        await().during(Duration.ofMillis(100)).until(() -> !close.isDone());

        fixture.client.topicsWithoutMetadata.clear();

        close.join();
        assertThat(fixture.recorder.successes()).isEqualTo(1);
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void sendsButDoesNotFlushOnAnEventLoop() {
        DefaultAsyncProducer<String, String> producer = producer(true);
        BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] { () -> true });
        try {
            producer.sendMessage("t", "v");
            assertThatThrownBy(producer::flush).isInstanceOf(BlockingOperationNotAllowedException.class)
                    .hasMessageContaining("worker thread");
        } finally {
            BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[0]);
        }
        assertThat(fixture.client.history()).hasSize(1);
    }

    @Test
    void invalidBatchSendsNothing() {
        DefaultAsyncProducer<String, String> producer = producer(true);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(new ProducerRecord<>("t", "1"));
        records.add(new ProducerRecord<>("bad/topic", "2"));
        assertThatThrownBy(() -> producer.sendMessages(records)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad/topic' in records[1]");
        assertThatThrownBy(() -> producer.sendMessage(null)).isInstanceOf(NullPointerException.class);
        assertThat(fixture.client.history()).isEmpty();
    }

    @Test
    void injectedProducerCannotBeClosed() {
        producer(true);
        DefaultAsyncProducer<String, String> injected = new DefaultAsyncProducer<>(fixture.engine,
                new StringSerializer(), new StringSerializer(), true);
        assertThatThrownBy(injected::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed by the container");
        assertThat(fixture.engine.isClosed()).isFalse();
    }

    @Test
    void throwingTelemetryAndErrorLoggerNeverFailASend() {
        List<ProducerException> seen = new ArrayList<>();
        ProducerTelemetry broken = new ProducerTelemetry() {
            @Override
            public void collectWriteLatency(String s, Duration d, String t, int p, ProducerType ty, String c,
                    boolean ok) {
                throw new IllegalStateException("telemetry down");
            }

            @Override
            public void collectWriteSize(String s, int size, String t, int p, ProducerType ty, String c, boolean ok) {
                throw new IllegalStateException("telemetry down");
            }
        };
        ProducerErrorLogger brokenLogger = error -> {
            seen.add(error);
            throw new IllegalStateException("logger down");
        };
        fixture = new EngineFixture(ProducerType.ASYNC, false,
                settings -> settings.telemetry(broken).errorLogger(brokenLogger));
        DefaultAsyncProducer<String, String> producer = new DefaultAsyncProducer<>(fixture.engine,
                new StringSerializer(), new StringSerializer(), false);
        producer.sendMessage("t", "1");
        producer.sendMessage("t", "2");
        fixture.client.completeNext();
        fixture.client.errorNext(new KafkaException("boom"));
        assertThat(seen).hasSize(1);
        producer.sendMessage("t", "3");
        assertThat(fixture.client.history()).hasSize(3);
    }
}
