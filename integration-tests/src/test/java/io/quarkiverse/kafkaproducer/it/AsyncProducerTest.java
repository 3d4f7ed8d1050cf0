package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The default async producer against the Dev Services broker. */
@QuarkusTest
@QuarkusTestResource(KafkaCompanionResource.class)
class AsyncProducerTest {

    @Inject
    AsyncProducer<String, String> producer;

    @Inject
    RecordingErrorLogger errors;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void hundredThousandRecordsArriveOnceEach() {
        LocalDateTime start = LocalDateTime.now();
        companion.topics().createAndWait("async-100k", 3);
        int count = 100_000;
        for (int i = 0; i < count; i++) {
            producer.sendMessage("async-100k", String.valueOf(i));
        }
        producer.flush();
        // a burst to a new topic waits whole for its metadata: queue-size is 100,000 records per topic
        assertThat(errors.errorsFor("async-100k")).as(() -> "errors; the broker's warnings meanwhile:\n"
                + DevServicesBrokerLog.warningsSince(start)).isEmpty();

        List<ConsumerRecord<String, String>> read = companion.consumeStrings().fromTopics("async-100k", count)
                .awaitCompletion(Duration.ofMinutes(2)).getRecords();
        Set<String> values = new HashSet<>();
        read.forEach(r -> values.add(r.value()));
        assertThat(read).hasSize(count);
        assertThat(values).hasSize(count); // no duplicates
        // a set comparison: AssertJ's containsAll would compare every pair
        assertThat(values.equals(IntStream.range(0, count).mapToObj(String::valueOf).collect(Collectors.toSet())))
                .as("every value 0..%d read back", count - 1).isTrue();
    }

    @Test
    void batchIsHandedOverWhole() {
        companion.topics().createAndWait("async-batch", 1);
        producer.sendMessages(List.of(new ProducerRecord<>("async-batch", "a", "1"),
                new ProducerRecord<>("async-batch", "b", "2"), new ProducerRecord<>("async-batch", "c", "3")));
        producer.flush();
        assertThat(companion.consumeStrings().fromTopics("async-batch", 3).awaitCompletion().getRecords())
                .extracting(ConsumerRecord::value).containsExactly("1", "2", "3");
    }

    @Test
    void brokerSideFailureGoesToTheErrorLoggerWithoutTheValue() {
        String tooLarge = "secret-" + "z".repeat(2 * 1024 * 1024);
        producer.sendMessage("async-too-large", "k", tooLarge);
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> !errors.errorsFor("async-too-large").isEmpty());
        List<ProducerException> logged = errors.errorsFor("async-too-large");
        assertThat(logged).hasSize(1);
        ProducerException error = logged.get(0);
        assertThat(error.producerType()).isEqualTo(ProducerType.ASYNC);
        assertThat(error).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(error.getMessage()).contains("async-too-large").doesNotContain("secret-");
    }

    @Test
    void programmingErrorsThrowAtOnce() {
        assertThatThrownBy(() -> producer.sendMessage((ProducerRecord<String, String>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("record");
        assertThatThrownBy(() -> producer.sendMessage(null, "v"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> producer.sendMessage("no spaces allowed", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no spaces allowed");
        assertThatThrownBy(() -> producer.sendMessages(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("records");
        assertThatThrownBy(() -> producer.close()).isInstanceOf(IllegalStateException.class);
    }
}
