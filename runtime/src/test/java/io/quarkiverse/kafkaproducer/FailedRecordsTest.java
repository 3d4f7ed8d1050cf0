package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An error logger that overrides logError(error, record) gets each failed record as it was serialized. */
class FailedRecordsTest {

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(1);

    /** Keeps what it is given; a dead-letter handler would write the record elsewhere. */
    static final class DeadLetters implements ProducerErrorLogger {
        final List<ProducerException> errors = new CopyOnWriteArrayList<>();
        final List<ProducerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();

        @Override
        public void logError(ProducerException error) {
            errors.add(error);
        }

        @Override
        public void logError(ProducerException error, ProducerRecord<byte[], byte[]> record) {
            errors.add(error);
            records.add(record);
        }
    }

    @Test
    void anAsyncProducersFailedRecordsReachTheErrorLoggerWholeAndOnce() {
        DeadLetters deadLetters = new DeadLetters();
        try (AsyncProducer<String, String> producer = KafkaProducers.newAsyncProducer("test",
                broker.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                ProducerOptions.withErrorLogger(deadLetters))) {
            producer.sendMessage("failed-records", "fine", "delivered"); // creates the topic, of 1 partition
            producer.flush();
            ProducerRecord<String, String> wrongPartition = new ProducerRecord<>("failed-records", 5, 1_700_000_000_000L,
                    "order-7", "{\"total\":12}");
            wrongPartition.headers().add("source", "checkout".getBytes(StandardCharsets.UTF_8));
            producer.sendMessage(wrongPartition);
            producer.sendMessage("failed-records", "huge", "x".repeat(2 * 1024 * 1024)); // over max.request.size
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.records.size() == 2);
        assertThat(deadLetters.errors).hasSize(2);

        ProducerRecord<byte[], byte[]> first = deadLetters.records.get(0);
        assertThat(deadLetters.errors.get(0)).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(first.topic()).isEqualTo("failed-records");
        assertThat(first.partition()).isEqualTo(5);
        assertThat(first.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("order-7");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"total\":12}");
        assertThat(first.headers().lastHeader("source").value()).isEqualTo("checkout".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> second = deadLetters.records.get(1);
        assertThat(deadLetters.errors.get(1)).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(new String(second.key(), StandardCharsets.UTF_8)).isEqualTo("huge");
        assertThat(second.value()).hasSize(2 * 1024 * 1024);
    }

    @Test
    void aSyncProducerThrowsAndHandsTheRecordToTheErrorLogger() {
        DeadLetters deadLetters = new DeadLetters();
        try (SyncProducer<String, String> producer = KafkaProducers.newSyncProducer("test", broker.bootstrapServers(),
                new StringSerializer(), new StringSerializer(), ProducerOptions.withErrorLogger(deadLetters))) {
            producer.sendMessage("failed-records-sync", "fine", "delivered");
            assertThatThrownBy(() -> producer.sendMessage(new ProducerRecord<>("failed-records-sync", 3, "k", "v")))
                    .isInstanceOf(ProducerException.class);
        }
        assertThat(deadLetters.records).singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("v"));
    }
}
