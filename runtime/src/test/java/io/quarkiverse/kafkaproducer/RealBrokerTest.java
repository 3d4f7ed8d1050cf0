package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine against one real Kafka 4.1 broker: the behaviours of the client it relies on (a record for a topic
 * without metadata answered inside {@code send} with {@code max.block.ms=0}, then accepted once the metadata arrived),
 * and the contract's failure cases. The broker is stopped by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealBrokerTest {

    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of("delivery.timeout.ms", 5000,
            "request.timeout.ms", 2000);

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(3);
    private final List<ProducerException> errors = new CopyOnWriteArrayList<>();

    @Test
    @Order(1)
    void asyncRecordsForANewTopicWaitForMetadataAndArriveInOrder() {
        int records = 2000;
        try (AsyncProducer<String, String> producer = KafkaProducers.newAsyncProducer("test",
                broker.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                ProducerOptions.withErrorLogger(errors::add))) {
            long slowest = 0;
            for (int i = 0; i < records; i++) {
                long start = System.nanoTime();
                producer.sendMessage("async-fresh", "key-" + (i % 7), Integer.toString(i));
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            producer.flush();
            assertThat(errors).isEmpty();
            // the broker was never waited for: the first records waited in the producer, not in the caller
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));
        }
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll("async-fresh", records)) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Integer.parseInt(record.value()));
        }
        assertThat(byKey.values().stream().mapToInt(List::size).sum()).isEqualTo(records);
        byKey.values().forEach(values -> assertThat(values).isSorted().doesNotHaveDuplicates());
    }

    @Test
    @Order(2)
    void syncReportsWhereEachRecordWentAndFailsTooLargeOnesAlone() {
        try (SyncProducer<String, String> producer = KafkaProducers.newSyncProducer("test", broker.bootstrapServers(),
                new StringSerializer(), new StringSerializer(), ProducerOptions.withErrorLogger(errors::add))) {
            DeliveryReport first = producer.sendMessage("sync-fresh", "k", "v");
            assertThat(first.topic()).isEqualTo("sync-fresh");
            assertThat(first.offset()).isZero();
            assertThat(first.timestamp()).isNotNull();

            ProducerErrors failure = catchThrowableOfType(ProducerErrors.class, () -> producer.sendMessages(List.of(
                    new ProducerRecord<>("sync-fresh", "k", "a"),
                    new ProducerRecord<>("sync-fresh", "k", "x".repeat(2_000_000)),
                    new ProducerRecord<>("sync-fresh", "k", "c"))));
            assertThat(failure.failures()).singleElement().satisfies(f -> {
                assertThat(f.index()).isEqualTo(1);
                assertThat(f.error().getCause()).isInstanceOf(RecordTooLargeException.class);
            });
            assertThat(failure.delivered().keySet()).containsExactly(0, 2);
            assertThat(failure.delivered().get(2).offset()).isEqualTo(failure.delivered().get(0).offset() + 1);
            assertThat(errors).hasSize(1);
        }
    }

    @Test
    @Order(2)
    void theFactorysTelemetryAndErrorLoggerSeeEveryRecordOnce() {
        List<String> telemetry = new CopyOnWriteArrayList<>();
        ProducerTelemetry recording = new ProducerTelemetry() {
            @Override
            public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                    ProducerType type, String clientId, boolean success) {
                telemetry.add("latency " + serviceName + " " + topic + " " + type + " " + clientId + " " + success);
            }

            @Override
            public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                    String clientId, boolean success) {
                telemetry.add("size " + size + " " + type + " " + success);
            }
        };
        byte[] tooLarge = new byte[1_100_000];
        try (SyncProducer<byte[], byte[]> sync = KafkaProducers.newSyncProducer("svc", broker.bootstrapServers(),
                ProducerOptions.withName("factory"), ProducerOptions.withTelemetry(recording),
                ProducerOptions.withErrorLogger(errors::add));
                AsyncProducer<byte[], byte[]> async = KafkaProducers.newAsyncProducer("svc",
                        broker.bootstrapServers(), ProducerOptions.withName("factory"),
                        ProducerOptions.withTelemetry(recording), ProducerOptions.withErrorLogger(errors::add))) {
            sync.sendMessage("factory-reporting", new byte[] { 1, 2, 3 });
            catchThrowableOfType(ProducerException.class, () -> sync.sendMessage("factory-reporting", tooLarge));
            async.sendMessage("factory-reporting", new byte[] { 1, 2, 3 });
            async.sendMessage("factory-reporting", tooLarge);
            async.flush();
        }
        assertThat(telemetry).containsExactlyInAnyOrder(
                "latency svc factory-reporting SYNC svc-factory-sync true", "size 3 SYNC true",
                "latency svc factory-reporting SYNC svc-factory-sync false", "size 1100000 SYNC false",
                "latency svc factory-reporting ASYNC svc-factory-async true", "size 3 ASYNC true",
                "latency svc factory-reporting ASYNC svc-factory-async false", "size 1100000 ASYNC false");
        assertThat(errors).extracting(ProducerException::producerType)
                .containsExactlyInAnyOrder(ProducerType.SYNC, ProducerType.ASYNC);
        assertThat(errors).allSatisfy(e -> assertThat(e.getCause()).isInstanceOf(RecordTooLargeException.class));
    }

    @Test
    @Order(3)
    void withTheBrokerDownSyncFailsWithinDeliveryTimeoutAndAsyncNeverBlocks() {
        try (SyncProducer<String, String> sync = KafkaProducers.newSyncProducer("test", broker.bootstrapServers(),
                new StringSerializer(), new StringSerializer(), ProducerOptions.withConfig(SHORT_TIMEOUTS),
                ProducerOptions.withErrorLogger(errors::add));
                AsyncProducer<String, String> async = KafkaProducers.newAsyncProducer("test",
                        broker.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                        ProducerOptions.withName("async"), ProducerOptions.withConfig(SHORT_TIMEOUTS),
                        ProducerOptions.withErrorLogger(errors::add))) {
            sync.sendMessage("known", "k", "before");
            broker.cluster().stop(1);

            long start = System.nanoTime();
            async.sendMessage("known", "down");
            async.sendMessage("unknown-while-down", "down");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

            ProducerException error = catchThrowableOfType(ProducerException.class,
                    () -> sync.sendMessage("known", "k", "down"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(error.getCause()).isInstanceOf(TimeoutException.class);
            assertThat(error.isRetriable()).isTrue();

            await().atMost(Duration.ofSeconds(15)).until(() -> errors.stream()
                    .filter(e -> e.producerName().equals("async")).count() == 2);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties config = new Properties();
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("group.id", "reader-" + topic);
        config.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= expected;
            });
        }
        return read;
    }
}
