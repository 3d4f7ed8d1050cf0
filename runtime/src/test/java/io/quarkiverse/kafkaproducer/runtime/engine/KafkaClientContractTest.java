package io.quarkiverse.kafkaproducer.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.ClassBroker;

/**
 * Pins the behaviour of the Kafka client that the engine stands on (see {@link ClientGate}), against a real broker:
 * with {@code max.block.ms=0}, {@code send} never waits, and what it cannot do at once it answers inside the call, on
 * the caller's thread, through the record's callback; {@code partitionsFor} answers from the metadata at hand. A
 * Kafka upgrade that changes any of this must fail the build here, not lose records in production.
 */
class KafkaClientContractTest {

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(3);

    /** What a callback saw: on which thread it ran, and whether {@code send} had returned by then. */
    record Answer(Thread thread, boolean afterSendReturned, Exception exception) {
    }

    @Test
    void aTopicWithoutMetadataIsRefusedInsideSendOnTheCallersThread() {
        String topic = "contract-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> client = client(Map.of())) {
            long start = System.nanoTime();
            Answer answer = send(client, new ProducerRecord<>(topic, new byte[10]));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(answer).as("answered inside send").isNotNull();
            assertThat(answer.thread()).isSameAs(Thread.currentThread());
            assertThat(answer.exception()).isInstanceOf(TimeoutException.class)
                    .hasMessage("Topic " + topic + " not present in metadata after 0 ms.");

            // the refused send asked for the metadata; once it is there, records enter
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.partitionsFor(topic).size() == 3);
            CompletableFuture<Thread> delivered = new CompletableFuture<>();
            client.send(new ProducerRecord<>(topic, new byte[10]), (metadata, e) -> delivered.complete(Thread.currentThread()));
            assertThat(delivered.join()).isNotSameAs(Thread.currentThread());
        }
    }

    @Test
    void aPartitionTheTopicDoesNotHaveIsRefusedInsideSendWhilePartitionsForKnowsTheCount() {
        String topic = "contract-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> client = client(Map.of())) {
            send(client, new ProducerRecord<>(topic, new byte[10]));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.partitionsFor(topic).size() == 3);

            Answer answer = send(client, new ProducerRecord<>(topic, 7, null, new byte[10]));
            assertThat(answer).as("answered inside send").isNotNull();
            assertThat(answer.thread()).isSameAs(Thread.currentThread());
            assertThat(answer.exception()).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("not present in metadata after 0 ms");
            long start = System.nanoTime();
            List<PartitionInfo> partitions = client.partitionsFor(topic);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(partitions).hasSize(3);
        }
    }

    @Test
    void aFullBufferIsRefusedInsideSendOnTheCallersThread() {
        String topic = "contract-" + UUID.randomUUID();
        // records linger for a minute, so that the 48 KiB buffer fills with three 16 KiB batches, one per partition
        try (KafkaProducer<byte[], byte[]> client = client(Map.of("buffer.memory", 48 * 1024, "batch.size", 16 * 1024,
                "linger.ms", 60_000))) {
            send(client, new ProducerRecord<>(topic, new byte[10]));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.partitionsFor(topic).size() == 3);
            Answer refused = null;
            for (int i = 0; i < 1_000 && refused == null; i++) {
                Answer answer = send(client, new ProducerRecord<>(topic, i % 3, null, new byte[1024]));
                if (answer != null) {
                    refused = answer;
                }
            }
            assertThat(refused).as("a refusal before 1,000 KiB were sent into 48 KiB").isNotNull();
            assertThat(refused.thread()).isSameAs(Thread.currentThread());
            assertThat(refused.exception()).isInstanceOf(BufferExhaustedException.class);
        }
    }

    @Test
    void aRecordTooLargeIsRefusedInsideSend() {
        String topic = "contract-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> client = client(Map.of("max.request.size", 1024))) {
            send(client, new ProducerRecord<>(topic, new byte[10]));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.partitionsFor(topic).size() == 3);
            Answer answer = send(client, new ProducerRecord<>(topic, new byte[4096]));
            assertThat(answer).as("answered inside send").isNotNull();
            assertThat(answer.thread()).isSameAs(Thread.currentThread());
            assertThat(answer.exception()).isInstanceOf(RecordTooLargeException.class);
        }
    }

    /** Sends and returns the callback's answer if it came inside {@code send}, else null. */
    private static Answer send(KafkaProducer<byte[], byte[]> client, ProducerRecord<byte[], byte[]> record) {
        AtomicBoolean returned = new AtomicBoolean();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        client.send(record, (metadata, exception) -> answer
                .complete(new Answer(Thread.currentThread(), returned.get(), exception)));
        returned.set(true);
        Answer inSend = answer.getNow(null);
        return inSend != null && !inSend.afterSendReturned() ? inSend : null;
    }

    private static KafkaProducer<byte[], byte[]> client(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("max.block.ms", 0);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
