package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented bounds, as a caller observes them against a real broker that dies: {@code delivery-timeout} bounds
 * {@code sendMessage}, {@code sendMessages} and {@code flush}, time waiting in the producer included, and a sync
 * caller learns each record's fate with Kafka's cause, never "no answer yet". Only {@code delivery-timeout} is set,
 * as a user would: the rest is derived to fit. The producers learn their topics while the broker runs; then it is
 * killed, or frozen, once, and the scenarios run at the same time, so that a test takes as long as its longest bound.
 */
class DeliveryBoundsTest {

    private static final Logger LOG = Logger.getLogger(DeliveryBoundsTest.class);
    /** What the clock may add to a bound: the Kafka client's sender loop, thread scheduling on a busy machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(1);
    private final List<ProducerException> reported = new CopyOnWriteArrayList<>();

    @Test
    void withTheBrokerKilledEachSyncCallEndsWithinDeliveryTimeoutWithKafkasCause() {
        long[] seconds = { 1, 5, 15 };
        List<SyncProducer<byte[], byte[]>> producers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(seconds.length); // the common pool has one thread here
        try {
            for (long s : seconds) {
                SyncProducer<byte[], byte[]> producer = sync(Duration.ofSeconds(s), Map.of());
                producers.add(producer);
                producer.sendMessage(topic(s), new byte[10]); // the client knows the topic now
            }
            broker.cluster().kill(1);
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < seconds.length; i++) {
                SyncProducer<byte[], byte[]> producer = producers.get(i);
                long s = seconds[i];
                calls.add(CompletableFuture.runAsync(() -> oneRecord(producer, topic(s), Duration.ofSeconds(s)),
                        threads));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdownNow();
            broker.cluster().restart(1);
            producers.forEach(producer -> Utils.closeQuietly(producer, "producer"));
        }
    }

    /**
     * A frozen broker keeps its connections, so the client keeps its metadata and its buffer fills: records then wait in
     * the producer, and must not get the client's whole share of the bound again once the client takes them.
     */
    @Test
    void withTheBrokerFrozenAndTheBufferFullSendMessagesAndFlushEndWithinDeliveryTimeout() {
        Duration bound = Duration.ofSeconds(3);
        // 300 KiB of records into a 64 KiB buffer: most of them wait in the producer for buffer space. The client keeps
        // the cluster's metadata while the broker does not answer (as Kafka 3 clients did by default; a Kafka 4 client
        // otherwise bootstraps again and forgets it), so that the client takes waiting records as soon as its expired
        // batches free buffer space: late, and they must not get the client's whole share of the bound again then.
        Map<String, Object> smallBuffer = Map.of("buffer.memory", 64 * 1024, "batch.size", 16 * 1024,
                "metadata.recovery.strategy", "none");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (SyncProducer<byte[], byte[]> batch = sync(bound, smallBuffer);
                AsyncProducer<byte[], byte[]> async = KafkaProducers.newAsyncProducer("bounds",
                        broker.bootstrapServers(), ProducerOptions.withName("flush"),
                        ProducerOptions.withConfig(withTimeout(bound, smallBuffer)),
                        ProducerOptions.withErrorLogger(reported::add))) {
            batch.sendMessage("bounds-batch", new byte[10]);
            async.sendMessage("bounds-flush", new byte[10]);
            async.flush();
            broker.cluster().pause(1);
            try {
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> aBatchLargerThanTheBuffer(batch, bound), threads),
                        CompletableFuture.runAsync(() -> flushWithAFullBuffer(async, bound), threads)).join();
            } finally {
                broker.cluster().resume(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** One record, whose client's share of the bound runs out. */
    private static void oneRecord(SyncProducer<byte[], byte[]> producer, String topic, Duration bound) {
        long start = System.nanoTime();
        ProducerException error = catchThrowableOfType(ProducerException.class,
                () -> producer.sendMessage(topic, new byte[10]));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("delivery-timeout %s: the dead broker's record failed after %d ms: %s", bound, took.toMillis(),
                error.getMessage());

        assertThat(took).as("delivery-timeout %s", bound).isLessThan(bound.plus(SLACK));
        assertKafkasCause(error);
        assertThat(error.getMessage()).doesNotContain("no answer yet");
    }

    /**
     * A record's fate in Kafka's words, not a wait of the producer's that gave up without an answer: the client's own
     * expiry of the record, the timeout of the request it was in flight in when no time was left to retry it, or, for a record
     * the client could not take (a Kafka 4 client that lost its last broker
     * forgets the cluster's metadata and bootstraps again), the queue timeout with the client's last refusal.
     */
    private static void assertKafkasCause(ProducerException error) {
        assertThat(error.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(error.getCause().getMessage()).containsAnyOf("since batch creation",
                "due to timeout", "queue timeout", "not present in metadata");
        if (error.getCause().getMessage().contains("queue timeout")) {
            assertThat(error.getCause()).hasCauseInstanceOf(TimeoutException.class);
        }
    }

    private void aBatchLargerThanTheBuffer(SyncProducer<byte[], byte[]> producer, Duration bound) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(new ProducerRecord<>("bounds-batch", new byte[1024]));
        }
        long start = System.nanoTime();
        ProducerErrors errors = catchThrowableOfType(ProducerErrors.class, () -> producer.sendMessages(records));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("300 KiB into a 64 KiB buffer, broker frozen: sendMessages settled after %d ms", took.toMillis());

        assertThat(took).isLessThan(bound.plus(SLACK));
        assertThat(errors.failures()).hasSize(300).allSatisfy(f -> assertKafkasCause(f.error()));
        assertThat(errors.delivered()).isEmpty();
        assertThat(reported.stream().filter(e -> e.topic().equals("bounds-batch"))).hasSize(300);
    }

    private void flushWithAFullBuffer(AsyncProducer<byte[], byte[]> producer, Duration bound) {
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            producer.sendMessage("bounds-flush", new byte[1024]);
        }
        producer.flush();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("300 KiB into a 64 KiB buffer, broker frozen: flush returned after %d ms", took.toMillis());

        assertThat(took).isLessThan(bound.plus(SLACK));
        // flush returned once every record was delivered or reported: none could be delivered
        assertThat(reported.stream().filter(e -> e.topic().equals("bounds-flush"))).hasSize(300);
    }

    @Test
    void aSyncRecordToABrokerNeverReachedFailsWithinDeliveryTimeout() throws Exception {
        Duration bound = Duration.ofSeconds(1);
        try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer("bounds",
                "127.0.0.1:" + freePort(), ProducerOptions.withConfig(withTimeout(bound, Map.of())),
                ProducerOptions.withErrorLogger(reported::add))) {
            long start = System.nanoTime();
            ProducerException error = catchThrowableOfType(ProducerException.class,
                    () -> producer.sendMessage("nowhere", new byte[10]));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(bound.plus(SLACK));
            assertThat(error.getCause()).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("Topic nowhere not present in metadata");
            assertThat(reported).singleElement().satisfies(e -> assertThat(e.topic()).isEqualTo("nowhere"));
        }
    }

    private SyncProducer<byte[], byte[]> sync(Duration deliveryTimeout, Map<String, Object> kafka) {
        return KafkaProducers.newSyncProducer("bounds", broker.bootstrapServers(),
                ProducerOptions.withName("bounds-" + deliveryTimeout.toMillis() + (kafka.isEmpty() ? "" : "-batch")),
                ProducerOptions.withConfig(withTimeout(deliveryTimeout, kafka)),
                ProducerOptions.withErrorLogger(reported::add));
    }

    /** Only delivery-timeout, by its Kafka name, as the factory takes it; everything else derived. */
    private static Map<String, Object> withTimeout(Duration deliveryTimeout, Map<String, Object> kafka) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put("delivery.timeout.ms", (int) deliveryTimeout.toMillis());
        return config;
    }

    private static String topic(long seconds) {
        return "bounds-sync-" + seconds;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
