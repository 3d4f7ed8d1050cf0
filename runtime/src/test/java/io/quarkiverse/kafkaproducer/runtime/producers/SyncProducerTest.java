package io.quarkiverse.kafkaproducer.runtime.producers;

import static io.quarkiverse.kafkaproducer.runtime.engine.EngineFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerErrors;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.engine.EngineFixture;
import io.quarkiverse.kafkaproducer.runtime.engine.Recorder;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;

class SyncProducerTest {

    private EngineFixture fixture;

    private DefaultSyncProducer<String, String> producer(boolean autoComplete) {
        fixture = new EngineFixture(ProducerType.SYNC, autoComplete);
        return new DefaultSyncProducer<>(fixture.engine, new StringSerializer(), new StringSerializer(), false);
    }

    @AfterEach
    void resetDetector() {
        BlockingOperationControl.setIoThreadDetector(new io.quarkus.runtime.IOThreadDetector[0]);
    }

    @Test
    void sendsAndReportsOnceWithSizeOfKeyValueAndHeaders() {
        DefaultSyncProducer<String, String> producer = producer(true);
        ProducerRecord<String, String> record = new ProducerRecord<>("orders", "k1", "value");
        record.headers().add("hé", new byte[] { 1, 2 });

        DeliveryReport report = producer.sendMessage(record);

        assertThat(report.topic()).isEqualTo("orders");
        assertThat(report.partition()).isZero();
        assertThat(report.offset()).isZero();
        assertThat(producer.sendMessage("orders", "k2", "v").offset()).isEqualTo(1);
        assertThat(fixture.client.history()).hasSize(2);
        assertThat(fixture.recorder.latencies).hasSize(2).allMatch(Recorder.Call::success);
        Recorder.Call size = fixture.recorder.sizes.get(0);
        assertThat(size.size()).isEqualTo(2 + 5 + 3 + 2); // key, value, header key in UTF-8, header value
        assertThat(size.topic()).isEqualTo("orders");
        assertThat(size.partition()).isZero();
        assertThat(size.type()).isEqualTo(ProducerType.SYNC);
        assertThat(size.clientId()).isEqualTo("shop-orders-sync");
        assertThat(size.service()).isEqualTo("shop");
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void failureThrowsWithKafkaCauseAndIsReportedOnce() throws Exception {
        DefaultSyncProducer<String, String> producer = producer(false);
        CompletableFuture<DeliveryReport> call = CompletableFuture
                .supplyAsync(() -> producer.sendMessage("orders", "k", SECRET));
        await().until(() -> fixture.client.history().size() == 1);
        fixture.client.errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync "
                + "replicas than required."));

        ProducerException error = (ProducerException) catchThrowableOfType(Exception.class, call::join).getCause();
        assertThat(error.getCause()).isInstanceOf(NotEnoughReplicasException.class);
        assertThat(error.isRetriable()).isTrue();
        assertThat(error.producerName()).isEqualTo("orders");
        assertThat(error.producerType()).isEqualTo(ProducerType.SYNC);
        assertThat(error.topic()).isEqualTo("orders");
        assertThat(error.getMessage()).isEqualTo("Kafka producer 'orders' (sync) could not deliver a record to topic "
                + "'orders' partition 0: Messages are rejected since there are fewer in-sync replicas than required.");
        assertThat(fixture.recorder.errors).hasSize(1);
        assertThat(fixture.recorder.errors.get(0).getMessage()).doesNotContain(SECRET);
        assertThat(fixture.recorder.latencies).hasSize(1).noneMatch(Recorder.Call::success);
        assertThat(fixture.recorder.sizes).hasSize(1);
    }

    @Test
    void batchReturnsReportsInInputOrder() {
        DefaultSyncProducer<String, String> producer = producer(true);
        List<DeliveryReport> reports = producer.sendMessages(List.of(new ProducerRecord<>("a", "1"),
                new ProducerRecord<>("b", "2"), new ProducerRecord<>("a", "3")));
        assertThat(reports).extracting(DeliveryReport::topic).containsExactly("a", "b", "a");
        assertThat(reports).extracting(DeliveryReport::offset).containsExactly(0L, 0L, 1L);
        assertThat(producer.sendMessages(List.of())).isEmpty();
    }

    @Test
    void batchWithFailuresThrowsProducerErrorsAfterEveryRecordSettled() {
        DefaultSyncProducer<String, String> producer = producer(false);
        CompletableFuture<List<DeliveryReport>> call = CompletableFuture.supplyAsync(() -> producer.sendMessages(
                List.of(new ProducerRecord<>("a", SECRET), new ProducerRecord<>("a", SECRET),
                        new ProducerRecord<>("b", SECRET), new ProducerRecord<>("b", SECRET))));
        // the whole batch is handed over before anything is waited for
        await().until(() -> fixture.client.history().size() == 4);
        fixture.client.completeNext();
        fixture.client.errorNext(new RecordTooLargeException("The request included a message larger than the max"));
        fixture.client.completeNext();
        assertThat(call).isNotDone();
        fixture.client.errorNext(new TimeoutException("Expiring 1 record(s) for b-0"));

        ProducerErrors errors = (ProducerErrors) catchThrowableOfType(Exception.class, call::join).getCause();
        assertThat(errors.failures()).extracting(ProducerErrors.Failure::index).containsExactly(1, 3);
        assertThat(errors.failures().get(0).error().getCause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(errors.failures().get(1).error().getCause()).isInstanceOf(TimeoutException.class);
        assertThat(errors.delivered().keySet()).containsExactly(0, 2);
        assertThat(errors.delivered().get(2).topic()).isEqualTo("b");
        assertThat(errors.topic()).isEqualTo("a");
        assertThat(errors.getCause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(errors.isRetriable()).isFalse();
        assertThat(errors.getMessage()).startsWith("Kafka producer 'orders' (sync): 2 of 4 records failed: [1] ")
                .contains("[3] ").doesNotContain(SECRET);
        assertThat(fixture.recorder.errors).hasSize(2);
        assertThat(fixture.recorder.latencies).hasSize(4);
    }

    @Test
    void timeoutSaysTheRecordMayStillBeDelivered() {
        DefaultSyncProducer<String, String> producer = producer(false);
        ProducerException error = catchThrowableOfType(ProducerException.class,
                () -> producer.sendMessage(new ProducerRecord<>("orders", SECRET), Duration.ofMillis(50)));
        assertThat(error.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(error.isRetriable()).isTrue();
        assertThat(error.getMessage()).contains("within 50 ms").contains("may be delivered later")
                .doesNotContain(SECRET);
        // not a final outcome: nothing reported yet; the broker's later answer is reported once
        assertThat(fixture.recorder.latencies).isEmpty();
        fixture.client.completeNext();
        assertThat(fixture.recorder.latencies).hasSize(1).allMatch(Recorder.Call::success);
    }

    @Test
    void interruptedCallThrowsKeepsTheFlagAndTheRecordIsStillReported() throws Exception {
        DefaultSyncProducer<String, String> producer = producer(false);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                producer.sendMessage("orders", "v");
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
                flagKept.complete(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        await().until(() -> fixture.client.history().size() == 1);
        caller.interrupt();

        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptException.class)
                .hasMessageContaining("may still be delivered");
        assertThat(flagKept.get(10, TimeUnit.SECONDS)).isTrue();
        fixture.client.completeNext();
        await().until(() -> fixture.recorder.latencies.size() == 1);
        assertThat(fixture.recorder.latencies).allMatch(Recorder.Call::success);
    }

    @Test
    void invalidArgumentsThrowAtOnceAndSendNothing() {
        DefaultSyncProducer<String, String> producer = producer(true);
        assertThatThrownBy(() -> producer.sendMessage(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("record");
        assertThatThrownBy(() -> producer.sendMessage(null, "v")).isInstanceOf(NullPointerException.class)
                .hasMessage("topic");
        assertThatThrownBy(() -> producer.sendMessages(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("records");
        assertThatThrownBy(() -> producer.sendMessages(Arrays.asList(new ProducerRecord<>("a", "v"), null)))
                .isInstanceOf(NullPointerException.class).hasMessage("records[1]");
        assertThatThrownBy(() -> producer.sendMessage("", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("illegal topic name ''");
        assertThatThrownBy(() -> producer.sendMessages(List.of(new ProducerRecord<>("ok", "v"),
                new ProducerRecord<>("not ok!", "v")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("illegal topic name 'not ok!' in records[1]");
        assertThat(fixture.client.history()).isEmpty();
        assertThat(fixture.recorder.latencies).isEmpty();
    }

    @Test
    void serializerFailureThrowsWithoutTheDataAndSendsNothingOfTheBatch() {
        fixture = new EngineFixture(ProducerType.SYNC, true);
        Serializer<String> picky = (topic, data) -> {
            if (data.startsWith("SECRET")) {
                throw new SerializationException("cannot serialize " + data);
            }
            return data.getBytes(StandardCharsets.UTF_8);
        };
        DefaultSyncProducer<String, String> producer = new DefaultSyncProducer<>(fixture.engine,
                new StringSerializer(), picky, false);

        ProducerException error = catchThrowableOfType(ProducerException.class, () -> producer.sendMessages(
                List.of(new ProducerRecord<>("a", "fine"), new ProducerRecord<>("a", SECRET))));

        assertThat(error.getMessage()).isEqualTo("Kafka producer 'orders' (sync) could not serialize the value of a "
                + "record for topic 'a' (org.apache.kafka.common.errors.SerializationException); nothing was sent");
        assertThat(error.getCause()).isInstanceOf(SerializationException.class)
                .hasMessageContaining("its message is left out");
        // the serializer quoted the value in its message: a caller that logs the exception must not print it
        assertThat(Utils.stackTrace(error)).doesNotContain(SECRET).contains("SyncProducerTest");
        assertThat(fixture.client.history()).isEmpty();
    }

    @Test
    void refusesToBlockAnEventLoop() {
        DefaultSyncProducer<String, String> producer = producer(true);
        BlockingOperationControl.setIoThreadDetector(new io.quarkus.runtime.IOThreadDetector[] { () -> true });
        assertThatThrownBy(() -> producer.sendMessage("orders", "v"))
                .isInstanceOf(BlockingOperationNotAllowedException.class)
                .hasMessageContaining("worker thread (@Blocking)").hasMessageContaining("@RunOnVirtualThread");
        assertThatThrownBy(() -> producer.sendMessages(List.of()))
                .isInstanceOf(BlockingOperationNotAllowedException.class);
        assertThat(fixture.client.history()).isEmpty();
    }

    @Test
    void closedProducerRefusesRecordsAndInjectedOneCannotBeClosed() {
        DefaultSyncProducer<String, String> producer = producer(true);
        DefaultSyncProducer<String, String> injected = new DefaultSyncProducer<>(fixture.engine,
                new StringSerializer(), new StringSerializer(), true);
        assertThatThrownBy(injected::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed by the container");

        producer.close();
        producer.close();
        assertThatThrownBy(() -> producer.sendMessage("orders", "v")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka producer 'orders' (sync) is closed");
        assertThat(fixture.client.closed()).isTrue();
    }

    @Test
    void recordForATopicWithoutMetadataWaitsInsteadOfFailing() {
        DefaultSyncProducer<String, String> producer = producer(true);
        fixture.client.topicsWithoutMetadata.add("new-topic");
        CompletableFuture<DeliveryReport> call = CompletableFuture
                .supplyAsync(() -> producer.sendMessage("new-topic", "v"));
        await().until(() -> fixture.engine.queuedRecords() == 1);
        assertThat(call).isNotDone();

        fixture.client.topicsWithoutMetadata.clear();

        assertThat(call.join().topic()).isEqualTo("new-topic");
        assertThat(fixture.recorder.latencies).hasSize(1).allMatch(Recorder.Call::success);
    }
}
