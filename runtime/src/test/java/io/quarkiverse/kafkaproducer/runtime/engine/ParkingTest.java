package io.quarkiverse.kafkaproducer.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultAsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.settings.OverflowPolicy;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.IOThreadDetector;

/** Records the client cannot take at once wait in the parking lot instead of blocking or failing. */
class ParkingTest {

    private EngineFixture fixture;
    private DefaultAsyncProducer<String, String> producer;

    private void start(java.util.function.Consumer<ProducerSettings> customizer) {
        fixture = new EngineFixture(ProducerType.ASYNC, true, customizer);
        producer = new DefaultAsyncProducer<>(fixture.engine, new StringSerializer(), new StringSerializer(), false);
    }

    private static String value(ProducerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void parkedRecordsEnterInOrderWithoutHoldingBackOtherTopics() {
        start(settings -> {
        });
        fixture.client.topicsWithoutMetadata.add("new");
        producer.sendMessage("new", "1");
        producer.sendMessage("other", "x");
        producer.sendMessage("new", "2");
        assertThat(fixture.engine.queuedRecords()).isEqualTo(2);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("x");

        fixture.client.topicsWithoutMetadata.clear();
        await().until(() -> fixture.engine.queuedRecords() == 0);
        producer.sendMessage("new", "3");

        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("x", "1", "2", "3");
        assertThat(fixture.recorder.latencies).hasSize(4).allMatch(Recorder.Call::success);
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void whileATopicHasParkedRecordsNewOnesWaitBehindThem() {
        start(settings -> {
        });
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage("t", "1");
        // the client would take this one, but it must not overtake the parked one
        fixture.client.topicsWithoutMetadata.clear();
        producer.sendMessage("t", "2");
        await().until(() -> fixture.client.history().size() == 2);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("1", "2");
    }

    @Test
    void queuedRecordFailsOnceAfterAThirdOfDeliveryTimeoutWithoutBeingOfferedAgain() {
        start(settings -> settings.deliveryTimeout(Duration.ofMillis(300))
                .kafkaOverrides(Map.of("request.timeout.ms", "100")));
        fixture.client.topicsWithoutMetadata.add("nowhere");
        long start = System.nanoTime();
        producer.sendMessage("nowhere", "v");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.recorder.errors.size() == 1);
        var error = fixture.recorder.errors.get(0);
        assertThat(error.getCause()).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("did not take the record within its queue timeout (100 ms, a third of "
                        + "delivery-timeout)")
                .hasMessageContaining("Topic nowhere not present in metadata after 0 ms.");
        assertThat(error.partition()).isEqualTo(-1);
        assertThat(fixture.recorder.latencies).hasSize(1).noneMatch(Recorder.Call::success);
        assertThat(fixture.recorder.latencies.get(0).latency()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(fixture.engine.queuedRecords()).isZero();

        // Taken by the client once expired, it would get the client's own 200 ms again: it must not be offered.
        fixture.client.topicsWithoutMetadata.clear();
        assertThat(fixture.client.history()).isEmpty();
    }

    @Test
    void aPartitionTheTopicDoesNotHaveFailsAtOnceAndHoldsBackNothing() {
        start(settings -> {
        });
        fixture.client.partitionCount = 2;
        producer.sendMessage(new ProducerRecord<>("t", 7, "k", "missing partition"));

        assertThat(fixture.recorder.errors).singleElement().satisfies(error -> {
            assertThat(error.partition()).isEqualTo(7);
            assertThat(error.getCause()).isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessage("Partition 7 of topic 't' does not exist: the topic has 2 partitions (0 to 1)");
        });
        producer.sendMessage(new ProducerRecord<>("t", 1, "k", "fine"));
        producer.sendMessage(new ProducerRecord<>("t", 0, "k", "fine too"));
        assertThat(fixture.engine.queuedRecords()).isZero();
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("fine", "fine too");
    }

    @Test
    void aMissingPartitionQueuedBeforeTheMetadataCameFailsOnceItCame() {
        start(settings -> {
        });
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage(new ProducerRecord<>("t", 7, "k", "missing partition"));
        producer.sendMessage(new ProducerRecord<>("t", 1, "k", "fine")); // behind it, for the topic's order
        assertThat(fixture.engine.queuedRecords()).isEqualTo(2);

        fixture.client.partitionCount = 2;
        fixture.client.topicsWithoutMetadata.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.engine.queuedRecords() == 0);
        assertThat(fixture.recorder.errors).singleElement()
                .satisfies(error -> assertThat(error.getCause()).isInstanceOf(UnknownTopicOrPartitionException.class));
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("fine");
        assertThat(fixture.recorder.successes()).isEqualTo(1);
    }

    @Test
    void oneTopicTakesAtMostQueueSizeSoThatOthersStillFindRoom() {
        start(settings -> settings.queueSize(1_000));
        fixture.client.topicsWithoutMetadata.add("unknown");
        fixture.client.topicsWithoutMetadata.add("new");
        for (int i = 0; i < 5_000; i++) {
            producer.sendMessage("unknown", String.valueOf(i)); // refused for good: no such topic
        }
        for (int i = 0; i < 900; i++) {
            producer.sendMessage("new", String.valueOf(i)); // a healthy topic whose metadata is on its way
        }

        assertThat(fixture.engine.queuedRecords()).isEqualTo(1_000 + 900);
        assertThat(fixture.recorder.errors).hasSize(4_000).allSatisfy(error -> {
            assertThat(error.topic()).isEqualTo("unknown");
            assertThat(error.getCause()).isInstanceOf(BufferExhaustedException.class)
                    .hasMessageContaining("1000 records of this topic (queue-size) already wait");
        });
        fixture.client.topicsWithoutMetadata.remove("new");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.history().size() == 900);
        assertThat(fixture.recorder.errors).hasSize(4_000);
    }

    @Test
    void aBurstOfQueueSizeRecordsToOneNewTopicWaitsWhole() {
        start(settings -> settings.queueSize(1_000));
        fixture.client.topicsWithoutMetadata.add("new");
        for (int i = 0; i < 1_000; i++) {
            producer.sendMessage("new", String.valueOf(i)); // all before the topic's metadata arrives
        }
        assertThat(fixture.engine.queuedRecords()).isEqualTo(1_000);
        assertThat(fixture.recorder.errors).isEmpty();

        fixture.client.topicsWithoutMetadata.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.history().size() == 1_000);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).startsWith("0", "1").endsWith("999");
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void afterAFailedLoginRecordsWithoutMetadataFailAtOnceWithTheReason() {
        start(settings -> {
        });
        fixture.client.topicsWithoutMetadata.add("t");
        for (int i = 0; i < 20; i++) {
            producer.sendMessage("t", String.valueOf(i)); // parked: no metadata yet
        }
        // the client's login fails; like the real client, it says so to one send only
        fixture.client.nextMetadataFailure = new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512");

        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.recorder.errors.size() == 20);
        producer.sendMessage("t", "sent after"); // fails at once, in the call
        assertThat(fixture.recorder.errors).hasSize(21).allSatisfy(e -> {
            assertThat(e.getCause()).isInstanceOf(SaslAuthenticationException.class);
            assertThat(e.getMessage()).contains("invalid credentials");
        });
        assertThat(fixture.engine.queuedRecords()).isZero();

        // logging in works again: the client has metadata and takes records
        fixture.client.topicsWithoutMetadata.clear();
        producer.sendMessage("t", "after login");
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("after login");
    }

    @Test
    void missingIdempotentWritePermissionIsExplained() {
        start(settings -> {
        });
        fixture.client.answerInSend = new KafkaException("Cannot execute transactional method because we are in an "
                + "error state", new ClusterAuthorizationException("Cluster authorization failed."));
        producer.sendMessage("t", "v");

        assertThat(fixture.recorder.errors).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).contains("Cluster authorization failed.", "IDEMPOTENT_WRITE", "WRITE on the topic",
                    "until the producer is created again");
            assertThat(e.getCause()).isInstanceOf(KafkaException.class);
            assertThat(e.isRetriable()).isFalse();
        });
    }

    @Test
    void noSecondCopyIsKeptOfARecordTheClientTook() {
        start(settings -> {
        });
        fixture.client.topicsWithoutMetadata.add("waiting");
        Delivery entered = (Delivery) fixture.engine.send(new ProducerRecord<>("t", "v".getBytes(StandardCharsets.UTF_8)),
                delivery -> {
                });
        Delivery parked = (Delivery) fixture.engine.send(new ProducerRecord<>("waiting", 2, null,
                "v".getBytes(StandardCharsets.UTF_8)), delivery -> {
                });

        assertThat(entered.extrasOrNull()).as("in the client's buffer, which holds its own copy").isNull();
        assertThat(parked.extras().record).as("still to be offered to the client").isNotNull();
        assertThat(parked.extras().record.partition()).isEqualTo(2);

        fixture.client.topicsWithoutMetadata.clear();
        await().until(() -> fixture.engine.queuedRecords() == 0);
        assertThat(parked.extras().record).as("taken by the client").isNull();
    }

    @Test
    void aCallerMovesABoundedShareOfTheWaitingRecords() {
        start(settings -> {
        });
        fixture.client.bufferFull = true;
        producer.sendMessage("other", "o"); // parked first: the retry thread tries its topic first
        for (int i = 0; i < 5_000; i++) {
            producer.sendMessage("t", String.valueOf(i)); // parked: the client's buffer is full
        }
        // the retry thread gets stuck on the other topic, so that the caller's help is all that moves topic t
        fixture.client.holdRetryThreadOn = "other";
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.retryThreadHeld);
        fixture.client.bufferFull = false;
        long before = fixture.client.sendsByThread.get(Thread.currentThread()).sum();
        // past the retry backoff of topic t, a caller helps
        await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
        producer.sendMessage("t", "last");

        long movedByThisCall = fixture.client.sendsByThread.get(Thread.currentThread()).sum() - before;
        assertThat(movedByThisCall).as("records this call moved").isEqualTo(ParkingLot.CALLER_HELP_LIMIT);
        fixture.client.retryThreadReleased.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.client.history().size() == 5_002);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).endsWith("4999", "last");
    }

    @Test
    void fullBufferParksToo() {
        start(settings -> {
        });
        fixture.client.bufferFull = true;
        producer.sendMessage("t", "1");
        assertThat(fixture.engine.queuedRecords()).isEqualTo(1);
        fixture.client.bufferFull = false;
        await().until(() -> fixture.client.history().size() == 1);
        assertThat(fixture.recorder.successes()).isEqualTo(1);
    }

    @Test
    void aFullClientIsOfferedRecordsOncePerBackoffNotOncePerRecordSent() {
        start(settings -> settings.kafkaOverrides(Map.of("retry.backoff.ms", "20")));
        fixture.client.bufferFull = true;
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            producer.sendMessage("t", String.valueOf(i));
        }
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(fixture.engine.queuedRecords()).isEqualTo(20_000);

        // The retry thread offers the head once per backoff of 20 ms; new records must not wake it for another refusal.
        long retryAttempts = fixture.client.sendsByThread.entrySet().stream()
                .filter(e -> e.getKey().getName().endsWith("-parking")).mapToLong(e -> e.getValue().sum()).sum();
        assertThat(retryAttempts).as("refused offers by the retry thread in %d ms", elapsedMillis)
                .isLessThanOrEqualTo(elapsedMillis / 20 + 2);

        fixture.client.bufferFull = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.client.history().size() == 20_000);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).startsWith("0", "1").endsWith("19999");
    }

    @Test
    void waitingRecordsAreBoundedInMemoryToo() {
        start(settings -> settings.queueSize(1_000));
        fixture.client.topicsWithoutMetadata.addAll(List.of("t", "u", "v"));
        String megabyte = "m".repeat(1024 * 1024);
        for (int i = 0; i < 40; i++) {
            producer.sendMessage("t", megabyte);
        }
        // 32 MiB of one topic's records, counted with their overhead: its 32nd and later ones are refused
        assertThat(fixture.engine.queuedRecords()).isEqualTo(31);
        assertThat(fixture.recorder.errors).hasSize(9).allSatisfy(e -> assertThat(e.getCause())
                .isInstanceOf(BufferExhaustedException.class)
                .hasMessageContaining("already hold 32 MiB, the most one topic may"));

        for (int i = 0; i < 40; i++) {
            producer.sendMessage("u", megabyte);
        }
        assertThat(fixture.engine.queuedRecords()).isEqualTo(62);
        assertThat(fixture.recorder.errors).hasSize(9 + 9);
        for (int i = 0; i < 5; i++) {
            producer.sendMessage("v", megabyte);
        }
        // 64 MiB in all: a third topic takes what is left
        assertThat(fixture.engine.queuedRecords()).isEqualTo(63);
        assertThat(fixture.recorder.errors).hasSize(9 + 9 + 4);
        assertThat(fixture.recorder.errors.get(18).getCause()).isInstanceOf(BufferExhaustedException.class)
                .hasMessageContaining("already hold 64 MiB, the most all topics together may");
    }

    @Test
    void overflowFailReportsAtOnce() {
        start(settings -> settings.queueSize(2));
        fixture.client.topicsWithoutMetadata.addAll(List.of("t", "u", "v"));
        producer.sendMessage("t", "1");
        producer.sendMessage("t", "2");
        producer.sendMessage("t", "3"); // beyond queue-size for the topic
        producer.sendMessage("u", "1");
        producer.sendMessage("u", "2");
        producer.sendMessage("v", "1"); // beyond what all topics together may hold

        assertThat(fixture.recorder.errors).hasSize(2);
        assertThat(fixture.recorder.errors.get(0).getCause()).isInstanceOf(BufferExhaustedException.class)
                .hasMessageContaining("2 records of this topic (queue-size) already wait")
                .hasMessageContaining("overflow-policy fail");
        assertThat(fixture.recorder.errors.get(1).getCause()).isInstanceOf(BufferExhaustedException.class)
                .hasMessageContaining("4 records already wait for the Kafka client to take them, the most all "
                        + "topics together may (2 times queue-size)")
                .hasMessageContaining("overflow-policy fail");
        assertThat(fixture.recorder.errors).allMatch(ProducerException::isRetriable);
        fixture.client.topicsWithoutMetadata.clear();
        await().until(() -> fixture.client.history().size() == 4);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("1", "2", "1", "2");
    }

    @Test
    void overflowBlockWaitsForRoom() {
        start(settings -> settings.queueSize(1).overflowPolicy(OverflowPolicy.BLOCK).overflowTimeout(Duration.ofSeconds(30)));
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage("t", "1");
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> producer.sendMessage("t", "2"));
        await().during(Duration.ofMillis(100)).until(() -> !blocked.isDone());

        fixture.client.topicsWithoutMetadata.clear();

        blocked.join();
        await().until(() -> fixture.client.history().size() == 2);
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("1", "2");
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void overflowBlockFailsAfterOverflowTimeout() {
        start(settings -> settings.queueSize(1).overflowPolicy(OverflowPolicy.BLOCK).overflowTimeout(Duration.ofMillis(100)));
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage("t", "1");
        long start = System.nanoTime();
        producer.sendMessage("t", "2");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(fixture.recorder.errors).hasSize(1);
        assertThat(fixture.recorder.errors.get(0).getCause()).hasMessageContaining("overflow-policy block");
    }

    @Test
    void refusalsThatWaitingCannotCureFailAtOnce() {
        start(settings -> {
        });
        fixture.client.answerInSend = new RecordTooLargeException("The message is 2000000 bytes when serialized");
        producer.sendMessage("t", "big");
        fixture.client.answerInSend = new TimeoutException("Topic t not present in metadata after 0 ms.",
                new TopicAuthorizationException("Not authorized to access topics: [t]"));
        producer.sendMessage("t", "forbidden");

        assertThat(fixture.engine.queuedRecords()).isZero();
        assertThat(fixture.recorder.errors).extracting(e -> (Object) e.getCause().getClass())
                .containsExactly(RecordTooLargeException.class, TopicAuthorizationException.class);
        assertThat(fixture.recorder.latencies).hasSize(2).noneMatch(Recorder.Call::success);
    }

    @Test
    void countsStayExactWhenACallerDrainsWhileCloseRuns() throws Exception {
        start(settings -> {
        });
        fixture.client.bufferFull = true;
        producer.sendMessage("other", "o"); // queued first: the retry thread tries its topic first
        for (int i = 0; i < 10; i++) {
            producer.sendMessage("t", String.valueOf(i));
        }
        fixture.client.holdRetryThreadOn = "other";
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.retryThreadHeld);
        fixture.client.bufferFull = false;
        // a caller that helps move topic t is held inside the client while it offers the first record
        fixture.client.holdCallerOn = "t";
        fixture.client.heldCallerName = "helper";
        await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true); // past t's backoff
        Thread helper = new Thread(() -> producer.sendMessage("t", "from the helper"), "helper");
        helper.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.callerHeld);

        fixture.client.retryThreadReleased.countDown();
        fixture.engine.close(Duration.ZERO); // fails what waits, except the record the helper holds
        fixture.client.callerReleased.countDown();
        helper.join(5_000);

        assertThat(fixture.engine.queuedRecords()).isZero();
        // 12 records, each reported once: "other" and the helper's offered one delivered or failed, the rest failed
        assertThat(fixture.recorder.latencies).hasSize(12);
        assertThat(fixture.recorder.sizes).hasSize(12);
    }

    @Test
    void anInterruptedRetryThreadGoesOnMovingRecords() {
        start(settings -> {
        });
        fixture.client.bufferFull = true;
        for (int i = 0; i < 5; i++) {
            producer.sendMessage("t", String.valueOf(i));
        }
        Thread retryThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kafka-producer-orders-parking")).findFirst().orElseThrow();
        retryThread.interrupt();
        await().atMost(Duration.ofSeconds(5)).until(() -> !retryThread.isInterrupted());

        fixture.client.bufferFull = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.history().size() == 5);
        assertThat(fixture.recorder.errors).isEmpty();
    }

    @Test
    void aRetryThreadKilledByAnErrorIsReplacedAndItsRecordReported() {
        start(settings -> {
        });
        fixture.client.topicsWithoutMetadata.add("t");
        for (int i = 0; i < 3; i++) {
            producer.sendMessage("t", String.valueOf(i));
        }
        fixture.client.errorOnRetryThread = new AssertionError("a broken client");
        fixture.client.topicsWithoutMetadata.clear();

        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.client.history().size() == 2);
        assertThat(fixture.recorder.errors).singleElement().satisfies(error -> assertThat(error.getCause())
                .isInstanceOf(KafkaException.class).hasRootCauseInstanceOf(AssertionError.class));
        assertThat(fixture.client.history()).extracting(ParkingTest::value).containsExactly("1", "2");
        assertThat(fixture.engine.queuedRecords()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> producer.flush());
    }

    @Test
    void overflowBlockDoesNotWaitOnAnEventLoop() {
        start(settings -> settings.queueSize(1).overflowPolicy(OverflowPolicy.BLOCK)
                .overflowTimeout(Duration.ofSeconds(30)));
        fixture.client.topicsWithoutMetadata.add("t");
        producer.sendMessage("t", "1");
        BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[] { () -> true });
        try {
            long start = System.nanoTime();
            producer.sendMessage("t", "2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            BlockingOperationControl.setIoThreadDetector(new IOThreadDetector[0]);
        }
        assertThat(fixture.recorder.errors).singleElement().satisfies(error -> assertThat(error.getCause())
                .isInstanceOf(BufferExhaustedException.class)
                .hasMessageContaining("overflow-policy block does not wait on a Vert.x event loop thread"));
    }
}
