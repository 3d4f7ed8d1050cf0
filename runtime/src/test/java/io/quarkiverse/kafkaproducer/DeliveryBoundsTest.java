package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.broker.KafkaCluster;

/**
 * The documented bounds, as a caller observes them against a real broker that dies: {@code delivery-timeout} bounds
 * {@code sendMessage}, {@code sendMessages} and {@code flush}, time waiting in the producer included, and a sync
 * caller learns each record's fate with Kafka's cause, never "no answer yet". Only {@code delivery-timeout} is set,
 * as a user would: the rest is derived to fit.
 */
class DeliveryBoundsTest {

    private static final Logger LOG = Logger.getLogger(DeliveryBoundsTest.class);
    /** What the clock may add to a bound: the Kafka client's sender loop, thread scheduling on a busy machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private static KafkaCluster cluster;
    private final List<ProducerException> reported = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        cluster = KafkaCluster.builder().partitions(1).build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void brokerBack() {
        if (!cluster.isRunning(1)) {
            cluster.restart(1);
        }
    }

    @Test
    void aSyncRecordToADeadBrokerFailsWithinDeliveryTimeoutWithKafkasCause() {
        for (long seconds : new long[] { 1, 5, 15 }) {
            Duration bound = Duration.ofSeconds(seconds);
            String topic = "bounds-sync-" + seconds;
            try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer("bounds",
                    cluster.bootstrapServers(), ProducerOptions.withConfig(Map.of("delivery.timeout.ms",
                            (int) bound.toMillis())),
                    ProducerOptions.withErrorLogger(reported::add))) {
                producer.sendMessage(topic, new byte[10]); // the client knows the topic now
                cluster.kill(1);

                long start = System.nanoTime();
                ProducerException error = catchThrowableOfType(ProducerException.class,
                        () -> producer.sendMessage(topic, new byte[10]));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                LOG.infof("delivery-timeout %s: the dead broker's record failed after %d ms: %s", bound,
                        took.toMillis(), error.getMessage());

                assertThat(took).isLessThan(bound.plus(SLACK));
                // the Kafka client's own expiry, not a wait of the producer's that gave up without an answer
                assertThat(error.getCause()).isInstanceOf(TimeoutException.class)
                        .hasMessageContaining("since batch creation");
                assertThat(error.getMessage()).doesNotContain("no answer yet");
                cluster.restart(1);
            }
        }
    }

    @Test
    void aSyncRecordToABrokerNeverReachedFailsWithinDeliveryTimeout() throws Exception {
        Duration bound = Duration.ofSeconds(1);
        try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer("bounds",
                "127.0.0.1:" + freePort(), ProducerOptions.withConfig(Map.of("delivery.timeout.ms",
                        (int) bound.toMillis())),
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

    @Test
    void aBatchLargerThanTheBufferToADeadBrokerSettlesEveryRecordWithinDeliveryTimeout() {
        Duration bound = Duration.ofSeconds(3);
        String topic = "bounds-batch";
        // 300 KiB of records into a 64 KiB buffer: most of them wait in the producer for buffer space
        try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer("bounds",
                cluster.bootstrapServers(), ProducerOptions.withConfig(Map.of("delivery.timeout.ms",
                        (int) bound.toMillis(), "buffer.memory", 64 * 1024, "batch.size", 16 * 1024)),
                ProducerOptions.withErrorLogger(reported::add))) {
            producer.sendMessage(topic, new byte[10]);
            cluster.kill(1);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                records.add(new ProducerRecord<>(topic, new byte[1024]));
            }

            long start = System.nanoTime();
            ProducerErrors errors = catchThrowableOfType(ProducerErrors.class, () -> producer.sendMessages(records));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.infof("a batch of 300 KiB into a 64 KiB buffer, broker dead: settled after %d ms", took.toMillis());

            assertThat(took).isLessThan(bound.plus(SLACK));
            assertThat(errors.failures()).hasSize(300)
                    .allSatisfy(f -> assertThat(f.error().getCause()).isInstanceOf(TimeoutException.class));
            assertThat(errors.delivered()).isEmpty();
            assertThat(reported).hasSize(300);
        }
    }

    @Test
    void flushWithAFullBufferAndADeadBrokerReturnsWithinDeliveryTimeout() {
        Duration bound = Duration.ofSeconds(3);
        String topic = "bounds-flush";
        try (AsyncProducer<byte[], byte[]> producer = KafkaProducers.newAsyncProducer("bounds",
                cluster.bootstrapServers(), ProducerOptions.withConfig(Map.of("delivery.timeout.ms",
                        (int) bound.toMillis(), "buffer.memory", 64 * 1024, "batch.size", 16 * 1024)),
                ProducerOptions.withErrorLogger(reported::add))) {
            producer.sendMessage(topic, new byte[10]);
            producer.flush();
            cluster.kill(1);

            long start = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                producer.sendMessage(topic, new byte[1024]);
            }
            producer.flush();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(bound.plus(SLACK));
            // flush returned once every record was delivered or reported: none was delivered
            assertThat(reported).hasSize(300);
            await().during(Duration.ofMillis(200)).until(() -> reported.size() == 300);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
