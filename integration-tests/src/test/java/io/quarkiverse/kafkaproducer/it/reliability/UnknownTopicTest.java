package io.quarkiverse.kafkaproducer.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerOption;
import io.quarkiverse.kafkaproducer.ProducerOptions;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.it.harness.TestCluster;

/**
 * Topics that do not exist, on a broker that does not create topics on demand ({@code auto.create.topics.enable=false};
 * a producer cannot turn auto-creation off from its side): a topic never created, and one deleted while records are on
 * their way. Their records fail within the delivery timeout with a message naming the topic; the producer goes on with
 * other topics.
 */
class UnknownTopicTest {

    private static final Logger LOG = Logger.getLogger(UnknownTopicTest.class);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    private static TestCluster cluster;

    private final CountingErrorLogger errors = new CountingErrorLogger();
    private final CountingTelemetry telemetry = new CountingTelemetry();
    private SyncProducer<String, String> sync;
    private AsyncProducer<String, String> async;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("unknown-topic", 1,
                builder -> builder.brokerProperty("auto.create.topics.enable", "false"));
    }

    @AfterAll
    static void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void producers() {
        ProducerOption[] options = { ProducerOptions.withName("unknown-topic"), ProducerOptions.withErrorLogger(errors),
                ProducerOptions.withTelemetry(telemetry), ProducerOptions.withConfig(Map.of(
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000)) };
        sync = KafkaProducers.newSyncProducer("reliability", cluster.bootstrapServers(), new StringSerializer(),
                new StringSerializer(), options);
        async = KafkaProducers.newAsyncProducer("reliability", cluster.bootstrapServers(), new StringSerializer(),
                new StringSerializer(), options);
    }

    @AfterEach
    void closeProducers() {
        sync.close();
        async.close();
    }

    @Test
    void topicNeverCreatedFailsWithinTheDeliveryTimeoutNamingTheTopic() {
        String topic = "never-created";
        long start = System.nanoTime();
        assertThatThrownBy(() -> sync.sendMessage(topic, "k", "v"))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    assertThat(e.topic()).isEqualTo(topic);
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e).hasCauseInstanceOf(TimeoutException.class);
                    assertThat(e.getMessage()).contains(topic, "not present in metadata",
                            "queue timeout (1666 ms, a third of delivery-timeout)");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DELIVERY_TIMEOUT);

        for (int i = 0; i < 100; i++) {
            async.sendMessage(topic, "k", "v");
        }
        await().atMost(DELIVERY_TIMEOUT.plusSeconds(30)).until(() -> errors.count(topic) == 1 + 100);
        LOG.infof("never created: %s", errors.samples(topic).get(0).getMessage());
        assertThat(errors.samples(topic)).allSatisfy(e -> assertThat(e.getMessage()).contains(topic,
                "not present in metadata"));
        assertThat(telemetry.reported()).isEqualTo(1 + 100);
        assertThat(cluster.admin().listTopics().names().toCompletionStage().toCompletableFuture().join())
                .doesNotContain(topic);
    }

    @Test
    void topicDeletedWhileProducingFailsItsRecordsWithinTheBoundAndAccountsForEach() throws Exception {
        String topic = "deleted";
        String other = "deleted-other";
        cluster.createTopic(topic, 1, 1, 1);
        cluster.createTopic(other, 1, 1, 1);
        sync.sendMessage(topic, "k", "before");
        for (int i = 0; i < 1_000; i++) {
            async.sendMessage(topic, "k", String.valueOf(i));
        }

        cluster.admin().deleteTopics(List.of(topic)).all().get(); // while those records may be on their way
        for (int i = 1_000; i < 2_000; i++) {
            async.sendMessage(topic, "k", String.valueOf(i));
        }
        List<Duration> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sync.sendMessage(topic, "k", "after"))
                    .isInstanceOfSatisfying(ProducerException.class, e -> {
                        assertThat(e.topic()).isEqualTo(topic);
                        assertThat(e.isRetriable()).isTrue();
                        assertThat(e.getMessage()).contains(topic);
                    });
            calls.add(Duration.ofNanos(System.nanoTime() - start));
        }
        assertThat(sync.sendMessage(other, "k", "unaffected").offset()).isZero();
        async.flush();

        LOG.infof("deleted topic: sync calls failed after %s; %d records failed (%s), e.g. %s", calls,
                errors.count(topic), errors.causes(), errors.samples(topic).get(errors.samples(topic).size() - 1)
                        .getMessage());
        assertThat(calls).allSatisfy(d -> assertThat(d).isLessThan(DELIVERY_TIMEOUT.plusMillis(1500)));
        // the topic's data went with it, so the accounting is the producer's reports: every record once, to the
        // telemetry, and each failure to the error logger
        assertThat(telemetry.reported()).isEqualTo(1 + 2_000 + 3 + 1);
        assertThat(errors.count(topic)).isEqualTo(telemetry.failures.sum());
        assertThat(errors.count(topic)).as("at least every record sent after the deletion").isGreaterThanOrEqualTo(1_003);
    }
}
