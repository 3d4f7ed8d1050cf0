package io.quarkiverse.kafkaproducer.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerOptions;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.it.RecordingErrorLogger;
import io.quarkiverse.kafkaproducer.runtime.telemetry.MicrometerProducerTelemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The bad-input matrix beyond {@code SyncProducerTest} and {@code AsyncProducerTest}: each input that the sync and async
 * issues name and those tests do not cover, and the reliability issue's own list. Each test is one row of the table on
 * the Guarantees page.
 */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class BadInputTest {

    private static final String SECRET = "secret-value-4711";
    private static final Duration SHORT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    /** delivery-timeout=5s, request.timeout.ms=2000 */
    @Inject
    @Identifier("short")
    AsyncProducer<String, String> shortAsync;

    /** A producer of its own for the cardinality test, so that its topics do not use up another producer's cap. */
    @Inject
    @Identifier("many-topics")
    AsyncProducer<String, String> manyTopics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    RecordingErrorLogger errors;

    @Inject
    MeterRegistry registry;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void nullTopicThrowsAtOnceAndAnEmptyBatchIsNoError() {
        assertThatThrownBy(() -> sync.sendMessage((String) null, "v"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> sync.sendMessage(null, "k", "v"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> async.sendMessage(null, "k", "v"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
        assertThat(sync.sendMessages(List.of())).isEmpty();
        async.sendMessages(List.of());
    }

    @Test
    void serializerRejectionThrowsAtOnceSendsNothingAndNeverQuotesTheValue() {
        String topic = "bad-input-serializer";
        CountingErrorLogger logged = new CountingErrorLogger();
        try (SyncProducer<String, String> syncProducer = KafkaProducers.newSyncProducer("bad-input", bootstrapServers(),
                new StringSerializer(), new PickySerializer(), ProducerOptions.withName("picky"),
                ProducerOptions.withErrorLogger(logged));
                AsyncProducer<String, String> asyncProducer = KafkaProducers.newAsyncProducer("bad-input",
                        bootstrapServers(), new StringSerializer(), new PickySerializer(),
                        ProducerOptions.withName("picky"), ProducerOptions.withErrorLogger(logged))) {
            assertThatThrownBy(() -> syncProducer.sendMessage(topic, "k", SECRET))
                    .isInstanceOfSatisfying(ProducerException.class, e -> {
                        assertThat(e.producerType()).isEqualTo(ProducerType.SYNC);
                        assertThat(e.topic()).isEqualTo(topic);
                        assertThat(e.getMessage()).contains("value", topic, "nothing was sent");
                        assertThat(Utils.stackTrace(e)).doesNotContain(SECRET);
                    });
            assertThatThrownBy(() -> asyncProducer.sendMessage(topic, "k", SECRET))
                    .isInstanceOfSatisfying(ProducerException.class, e -> {
                        assertThat(e.producerType()).isEqualTo(ProducerType.ASYNC);
                        assertThat(Utils.stackTrace(e)).doesNotContain(SECRET);
                    });
            // a batch with one bad record: nothing of it leaves
            List<ProducerRecord<String, String>> batch = List.of(new ProducerRecord<>(topic, "fine"),
                    new ProducerRecord<>(topic, SECRET));
            assertThatThrownBy(() -> syncProducer.sendMessages(batch)).isInstanceOf(ProducerException.class)
                    .hasMessageContaining("value");
            assertThatThrownBy(() -> asyncProducer.sendMessages(batch)).isInstanceOf(ProducerException.class);
            asyncProducer.flush();
        }
        assertThat(companion.topics().list()).as("nothing was sent").doesNotContain(topic);
        assertThat(logged.count(topic)).as("refused at the call, so not reported again").isZero();
    }

    @Test
    void closedProducerRefusesEveryCallNamingItself() {
        SyncProducer<String, String> syncProducer = KafkaProducers.newSyncProducer("bad-input", bootstrapServers(),
                new StringSerializer(), new StringSerializer(), ProducerOptions.withName("closed-one"));
        AsyncProducer<String, String> asyncProducer = KafkaProducers.newAsyncProducer("bad-input", bootstrapServers(),
                new StringSerializer(), new StringSerializer(), ProducerOptions.withName("closed-one"));
        syncProducer.close();
        asyncProducer.close();

        assertThatThrownBy(() -> syncProducer.sendMessage("bad-input-closed", "v"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'closed-one' (sync) is closed");
        assertThatThrownBy(() -> syncProducer.sendMessages(List.of(new ProducerRecord<>("bad-input-closed", "v"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> asyncProducer.sendMessage("bad-input-closed", "v"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'closed-one' (async) is closed");
        assertThatThrownBy(() -> asyncProducer.sendMessages(List.of(new ProducerRecord<>("bad-input-closed", "v"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(asyncProducer::flush).isInstanceOf(IllegalStateException.class);
        syncProducer.close(); // closing again is harmless
        asyncProducer.close();
    }

    @Test
    void headersWithNullValuesAreDeliveredAsNull() {
        String topic = "bad-input-null-header";
        companion.topics().createAndWait(topic, 1);
        ProducerRecord<String, String> viaSync = new ProducerRecord<>(topic, "k", "sync");
        viaSync.headers().add(new RecordHeader("empty", (byte[]) null)).add("present", "x".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, String> viaAsync = new ProducerRecord<>(topic, "k", "async");
        viaAsync.headers().add(new RecordHeader("empty", (byte[]) null));

        sync.sendMessage(viaSync);
        async.sendMessage(viaAsync);
        async.flush();

        List<ConsumerRecord<String, String>> read = companion.consumeStrings().fromTopics(topic, 2)
                .awaitCompletion(Duration.ofSeconds(30)).getRecords();
        assertThat(read).extracting(ConsumerRecord::value).containsExactly("sync", "async");
        for (ConsumerRecord<String, String> record : read) {
            Header empty = record.headers().lastHeader("empty");
            assertThat(empty).isNotNull();
            assertThat(empty.value()).isNull();
        }
        assertThat(read.get(0).headers().lastHeader("present").value()).asString(StandardCharsets.UTF_8).isEqualTo("x");
        assertThat(errors.errorsFor(topic)).isEmpty();
    }

    @Test
    void hugeHeaderFailsThatRecordAloneWithoutQuotingIt() {
        String topic = "bad-input-huge-header";
        companion.topics().createAndWait(topic, 1);
        byte[] huge = (SECRET + "h".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8); // over max.request.size

        ProducerRecord<String, String> viaSync = new ProducerRecord<>(topic, "k", "sync");
        viaSync.headers().add("huge", huge);
        assertThatThrownBy(() -> sync.sendMessage(viaSync)).isInstanceOfSatisfying(ProducerException.class, e -> {
            assertThat(e).hasCauseInstanceOf(RecordTooLargeException.class);
            assertThat(e.isRetriable()).isFalse();
            assertThat(Utils.stackTrace(e)).doesNotContain(SECRET);
        });
        ProducerRecord<String, String> viaAsync = new ProducerRecord<>(topic, "k", "async");
        viaAsync.headers().add("huge", huge);
        async.sendMessage(viaAsync);
        async.sendMessage(topic, "k", "after");
        async.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> errors.errorsFor(topic).size() >= 2);
        assertThat(errors.errorsFor(topic)).hasSize(2).allSatisfy(e -> {
            assertThat(e).hasCauseInstanceOf(RecordTooLargeException.class);
            assertThat(Utils.stackTrace(e)).doesNotContain(SECRET);
        });
        assertThat(companion.consumeStrings().fromTopics(topic, 1).awaitCompletion(Duration.ofSeconds(30))
                .getRecords()).extracting(ConsumerRecord::value).containsExactly("after");
    }

    @Test
    void partitionThatDoesNotExistIsReportedAtOnceNamingItAndHoldsBackNothing() {
        String topic = "bad-input-missing-partition";
        companion.topics().createAndWait(topic, 2);
        shortAsync.sendMessage(new ProducerRecord<>(topic, 7, "k", "v"));
        shortAsync.sendMessage(new ProducerRecord<>(topic, 1, "k", "fine"));

        // at once once the client knows the topic's partitions, not after delivery-timeout
        await().atMost(Duration.ofSeconds(10)).until(() -> !errors.errorsFor(topic).isEmpty());
        ProducerException error = errors.errorsFor(topic).get(0);
        assertThat(error.partition()).isEqualTo(7);
        assertThat(error.getCause()).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(error.getMessage()).contains("Partition 7 of topic '" + topic + "' does not exist: the topic has "
                + "2 partitions (0 to 1)");
        // the valid record did not wait for it
        assertThat(companion.consumeStrings().fromTopics(topic, 1).awaitCompletion(Duration.ofSeconds(10))
                .getRecords()).extracting(ConsumerRecord::value).containsExactly("fine");
        assertThat(errors.errorsFor(topic)).hasSize(1);
    }

    @Test
    void thousandTopicsStayWithinTheMeterCap() {
        int topics = 1_000;
        List<String> names = IntStream.range(0, topics).mapToObj(i -> "bad-input-cardinality-" + i).toList();
        for (String topic : names) {
            manyTopics.sendMessage(topic, "k", "v");
        }
        manyTopics.flush();

        Collection<Timer> timers = registry.find(MicrometerProducerTelemetry.LATENCY).tag("type", "async").timers()
                .stream().filter(t -> t.getId().getTag("client.id").contains("many-topics")).toList();
        Set<String> topicTags = timers.stream().map(t -> t.getId().getTag("topic")).collect(Collectors.toSet());
        assertThat(topicTags).hasSizeLessThanOrEqualTo(100 + 1).contains("other");
        assertThat(timers.stream().mapToLong(Timer::count).sum()).as("every record counted, under its topic or other")
                .isEqualTo(topics);
        assertThat(timers).allSatisfy(t -> assertThat(t.getId().getTag("success")).isEqualTo("true"));
        Set<String> created = new HashSet<>(companion.topics().list());
        assertThat(created).containsAll(names);
    }

    private String bootstrapServers() {
        return String.valueOf(kafkaConfig.get("bootstrap.servers"));
    }

    /** Refuses values that look secret, and says why with the value in its message, as many serializers do. */
    public static final class PickySerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            if (data != null && data.startsWith("secret")) {
                throw new SerializationException("Cannot serialize '" + data + "'");
            }
            return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        }
    }
}
