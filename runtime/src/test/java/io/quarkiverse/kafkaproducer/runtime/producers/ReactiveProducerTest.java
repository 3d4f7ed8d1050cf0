package io.quarkiverse.kafkaproducer.runtime.producers;

import static io.quarkiverse.kafkaproducer.runtime.engine.EngineFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerErrors;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.engine.EngineFixture;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

class ReactiveProducerTest {

    private EngineFixture fixture;
    private Vertx vertx;

    private DefaultReactiveProducer<String, String> producer(boolean autoComplete, int maxInFlight) {
        fixture = new EngineFixture(ProducerType.REACTIVE, autoComplete, settings -> settings.maxInFlight(maxInFlight));
        return new DefaultReactiveProducer<>(fixture.engine, new StringSerializer(), new StringSerializer(), false);
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.engine.close(Duration.ZERO);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void nothingIsSentBeforeSubscriptionAndEachSubscriptionSendsOnceMore() {
        DefaultReactiveProducer<String, String> producer = producer(true, 16);
        Uni<DeliveryReport> send = producer.sendMessage("t", "k", "v");
        assertThat(fixture.client.history()).isEmpty();

        DeliveryReport first = send.await().atMost(Duration.ofSeconds(5));
        DeliveryReport second = send.await().atMost(Duration.ofSeconds(5));

        assertThat(fixture.client.history()).hasSize(2);
        assertThat(first.topic()).isEqualTo("t");
        assertThat(second.offset()).isEqualTo(first.offset() + 1);
        assertThat(fixture.recorder.latencies).hasSize(2).allSatisfy(call -> assertThat(call.success()).isTrue());
    }

    @Test
    void invalidArgumentsFailTheUniAndSendNothing() {
        DefaultReactiveProducer<String, String> producer = producer(true, 16);
        // the calls themselves never throw
        Uni<DeliveryReport> nullRecord = producer.sendMessage((ProducerRecord<String, String>) null);
        Uni<DeliveryReport> nullTopic = producer.sendMessage(null, "v");
        Uni<DeliveryReport> badTopic = producer.sendMessage("no spaces allowed", "v");
        Uni<List<DeliveryReport>> nullList = producer.sendMessages((List<ProducerRecord<String, String>>) null);
        List<ProducerRecord<String, String>> withNull = new ArrayList<>();
        withNull.add(new ProducerRecord<>("t", "fine"));
        withNull.add(null);
        Uni<List<DeliveryReport>> listWithNull = producer.sendMessages(withNull);

        assertThatThrownBy(() -> nullRecord.await().indefinitely()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("record");
        assertThatThrownBy(() -> nullTopic.await().indefinitely()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> badTopic.await().indefinitely()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no spaces allowed");
        assertThatThrownBy(() -> nullList.await().indefinitely()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("records");
        assertThatThrownBy(() -> listWithNull.await().indefinitely()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("records[1]");
        assertThat(fixture.client.history()).isEmpty(); // nothing half-sent
        assertThat(fixture.recorder.latencies).isEmpty();
    }

    @Test
    void aRefusedRecordFailsItsUniAndReachesTheErrorLoggerOnceWithoutTheValue() {
        DefaultReactiveProducer<String, String> producer = producer(false, 16);
        UniAssertSubscriber<DeliveryReport> subscriber = producer.sendMessage("t", SECRET)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        fixture.client.errorNext(new RecordTooLargeException("too large"));

        ProducerException error = (ProducerException) subscriber.awaitFailure().getFailure();
        assertThat(error.producerType()).isEqualTo(ProducerType.REACTIVE);
        assertThat(error).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(error.getMessage()).contains("(reactive)").doesNotContain(SECRET);
        assertThat(fixture.recorder.errors).containsExactly(error);
        assertThat(fixture.recorder.latencies).singleElement().satisfies(call -> {
            assertThat(call.success()).isFalse();
            assertThat(call.type()).isEqualTo(ProducerType.REACTIVE);
        });
    }

    @Test
    void aRecordThatDoesNotFitFailsAtOnceWithoutBlocking() {
        fixture = new EngineFixture(ProducerType.REACTIVE, true, settings -> settings.queueSize(1).maxInFlight(16));
        DefaultReactiveProducer<String, String> producer = new DefaultReactiveProducer<>(fixture.engine,
                new StringSerializer(), new StringSerializer(), false);
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage("t", "1").subscribe().with(report -> {
        }, failure -> {
        });

        Throwable failure = producer.sendMessage("t", "2").subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(ProducerException.class).getFailure();
        assertThat(failure).hasCauseInstanceOf(BufferExhaustedException.class);
    }

    @Test
    void cancellingBeforeSubscribingSendsNothingAndCancellingLaterStillSettlesTheRecord() {
        DefaultReactiveProducer<String, String> producer = producer(false, 16);
        producer.sendMessage("t", "never").subscribe().withSubscriber(new UniAssertSubscriber<>(true));
        assertThat(fixture.client.history()).isEmpty();

        UniAssertSubscriber<DeliveryReport> subscriber = producer.sendMessage("t", "sent")
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        subscriber.cancel();
        fixture.client.completeNext();

        assertThat(fixture.recorder.latencies).singleElement().satisfies(call -> assertThat(call.success()).isTrue());
        subscriber.assertNotTerminated();
    }

    @Test
    void cancellingWhileTheRecordWaitsInTheProducerTakesItBackUnsent() {
        DefaultReactiveProducer<String, String> producer = producer(true, 16);
        fixture.client.topicsWithoutMetadata.add("new");
        UniAssertSubscriber<DeliveryReport> withdrawn = producer.sendMessage("new", "withdrawn")
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<DeliveryReport> kept = producer.sendMessage("new", "kept")
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(fixture.engine.queuedRecords()).isEqualTo(2);

        withdrawn.cancel();
        assertThat(fixture.engine.queuedRecords()).isEqualTo(1);
        fixture.client.topicsWithoutMetadata.clear();

        kept.awaitItem();
        assertThat(fixture.client.history()).extracting(r -> new String(r.value())).containsExactly("kept");
        assertThat(fixture.recorder.latencies).hasSize(1); // the withdrawn record was never sent nor measured
        assertThat(fixture.recorder.errors).isEmpty();
        withdrawn.assertNotTerminated();
    }

    @Test
    void cancellingAListOrAStreamTakesBackTheirRecordsThatStillWait() {
        DefaultReactiveProducer<String, String> producer = producer(true, 16);
        fixture.client.topicsWithoutMetadata.add("new");
        UniAssertSubscriber<List<DeliveryReport>> list = producer.sendMessages(List.of(new ProducerRecord<>("new", "1"),
                new ProducerRecord<>("new", "2"))).subscribe().withSubscriber(UniAssertSubscriber.create());
        AssertSubscriber<DeliveryReport> stream = producer.sendMessages(Multi.createFrom().range(0, 100)
                .map(i -> new ProducerRecord<>("new", String.valueOf(i))))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        assertThat(fixture.engine.queuedRecords()).isEqualTo(2 + 16);

        list.cancel();
        stream.cancel();
        assertThat(fixture.engine.queuedRecords()).isZero();
        fixture.client.topicsWithoutMetadata.clear();
        assertThat(producer.sendMessage("new", "after").await().atMost(Duration.ofSeconds(5)).offset()).isZero();
        assertThat(fixture.client.history()).extracting(r -> new String(r.value())).containsExactly("after");
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void aListAnswersWithEveryReportOrWithEveryFailureAndSuccessByIndex() {
        DefaultReactiveProducer<String, String> producer = producer(false, 16);
        UniAssertSubscriber<List<DeliveryReport>> subscriber = producer.sendMessages(List.of(
                new ProducerRecord<>("t", "0"), new ProducerRecord<>("t", "1"), new ProducerRecord<>("t", "2")))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        fixture.client.completeNext();
        fixture.client.errorNext(new KafkaException("boom"));
        subscriber.assertNotTerminated();
        fixture.client.completeNext();

        ProducerErrors errors = (ProducerErrors) subscriber.awaitFailure().getFailure();
        assertThat(errors.failures()).singleElement().satisfies(failure -> assertThat(failure.index()).isEqualTo(1));
        assertThat(errors.delivered()).containsOnlyKeys(0, 2);
        assertThat(fixture.recorder.errors).hasSize(1);

        List<DeliveryReport> reports = producer.sendMessages(List.of(new ProducerRecord<>("t", "a"),
                new ProducerRecord<>("u", "b"))).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertNotTerminated().getItem();
        assertThat(reports).isNull();
        fixture.client.completeNext();
        fixture.client.completeNext();
        assertThat(producer.sendMessages(List.<ProducerRecord<String, String>> of()).await().indefinitely()).isEmpty();
    }

    @Test
    void aStreamKeepsAtMostMaxInFlightRecordsAndEmitsReportsInInputOrder() {
        DefaultReactiveProducer<String, String> producer = producer(false, 4);
        AtomicInteger pulled = new AtomicInteger();
        Multi<ProducerRecord<String, String>> records = Multi.createFrom().range(0, 100)
                .onItem().invoke(pulled::incrementAndGet)
                .map(i -> new ProducerRecord<>("t", String.valueOf(i)));
        AssertSubscriber<DeliveryReport> subscriber = producer.sendMessages(records)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        assertThat(pulled).hasValue(4); // nothing acknowledged yet: the window is full
        // without a Vert.x context the upstream is asked for more from another thread: complete records as they come
        await().untilAsserted(() -> {
            while (fixture.client.completeNext()) {
                assertThat(pulled.get() - subscriber.getItems().size()).isLessThanOrEqualTo(4);
            }
            subscriber.assertCompleted();
        });
        // the broker stored them in input order, and the reports say so in that order
        assertThat(subscriber.getItems()).extracting(DeliveryReport::offset)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 100).boxed().toList());
        assertThat(fixture.client.history()).extracting(r -> new String(r.value())).startsWith("0", "1", "2", "3");
    }

    @Test
    void aSlowSubscriberHoldsBackTheUpstreamSoThatMemoryStaysBounded() {
        DefaultReactiveProducer<String, String> producer = producer(true, 8);
        AtomicInteger pulled = new AtomicInteger();
        Multi<ProducerRecord<String, String>> records = Multi.createFrom().range(0, 1_000)
                .onItem().invoke(pulled::incrementAndGet).map(i -> new ProducerRecord<>("t", String.valueOf(i)));
        AssertSubscriber<DeliveryReport> subscriber = producer.sendMessages(records)
                .subscribe().withSubscriber(AssertSubscriber.create(2));

        await().until(() -> subscriber.getItems().size() == 2);
        assertThat(pulled.get()).isEqualTo(2 + 8); // taken reports, then a full window of settled ones
        subscriber.request(998);
        subscriber.awaitCompletion();
        assertThat(subscriber.getItems()).hasSize(1_000);
    }

    @Test
    void theFirstFailureFailsTheStreamAfterTheRecordsBeforeItAndCancelsTheUpstream() {
        DefaultReactiveProducer<String, String> producer = producer(false, 16);
        AtomicInteger pulled = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        Multi<ProducerRecord<String, String>> records = Multi.createFrom().range(0, 1_000)
                .onItem().invoke(pulled::incrementAndGet).onCancellation().invoke(cancelled::incrementAndGet)
                .map(i -> new ProducerRecord<>("t", String.valueOf(i)));
        AssertSubscriber<DeliveryReport> subscriber = producer.sendMessages(records)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        fixture.client.completeNext();
        fixture.client.completeNext();
        fixture.client.errorNext(new KafkaException("boom"));

        subscriber.awaitFailure().assertFailedWith(ProducerException.class, "boom");
        assertThat(subscriber.getItems()).hasSize(2);
        assertThat(cancelled).hasValue(1);
        assertThat(pulled).hasValue(16); // two reports taken, less than the step of a quarter window it asks more by
        // the records sent after the failed one still settle: each reaches the telemetry once
        while (fixture.client.completeNext()) {
            // next
        }
        assertThat(fixture.recorder.latencies).hasSize(16);
    }

    @Test
    void aRequestOfZeroFailsTheStreamAndTakesBackItsWaitingRecords() {
        DefaultReactiveProducer<String, String> producer = producer(true, 16);
        fixture.client.topicsWithoutMetadata.add("new");
        AtomicInteger cancelled = new AtomicInteger();
        Multi<ProducerRecord<String, String>> records = Multi.createFrom().range(0, 100)
                .onCancellation().invoke(cancelled::incrementAndGet)
                .map(i -> new ProducerRecord<>("new", String.valueOf(i)));
        AssertSubscriber<DeliveryReport> subscriber = producer.sendMessages(records)
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        assertThat(fixture.engine.queuedRecords()).isEqualTo(16);

        subscriber.request(0);

        subscriber.awaitFailure().assertFailedWith(IllegalArgumentException.class, "rule 3.9");
        assertThat(cancelled).hasValue(1);
        assertThat(fixture.engine.queuedRecords()).isZero();
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void resultsArriveOnTheVertxContextThatSubscribed() throws Exception {
        DefaultReactiveProducer<String, String> producer = producer(false, 16);
        vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Context> single = new CompletableFuture<>();
        CompletableFuture<Context> list = new CompletableFuture<>();
        CompletableFuture<List<Context>> stream = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            producer.sendMessage("t", "1").subscribe().with(report -> single.complete(Vertx.currentContext()),
                    single::completeExceptionally);
            producer.sendMessages(List.of(new ProducerRecord<>("t", "2"))).subscribe()
                    .with(reports -> list.complete(Vertx.currentContext()), list::completeExceptionally);
            List<Context> seen = new ArrayList<>();
            producer.sendMessages(Multi.createFrom().items(new ProducerRecord<>("t", "3"), new ProducerRecord<>("t", "4")))
                    .subscribe().with(report -> seen.add(Vertx.currentContext()), stream::completeExceptionally,
                            () -> stream.complete(seen));
        });
        await().until(() -> fixture.client.history().size() == 4);
        // the client answers on another thread, as its network thread does
        CompletableFuture.runAsync(() -> {
            while (fixture.client.completeNext()) {
                // next
            }
        }).join();

        assertThat(single.get()).isSameAs(context);
        assertThat(list.get()).isSameAs(context);
        assertThat(stream.get()).hasSize(2).allSatisfy(seen -> assertThat(seen).isSameAs(context));
    }
}
