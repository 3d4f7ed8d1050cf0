package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The factory over a real Kafka 4.1 client with no broker to reach: checks what the engine relies on, that with
 * {@code max.block.ms=0} the client answers a record for a topic without metadata inside {@code send}, on the calling
 * thread, with a {@link TimeoutException}, so that nothing blocks and the record waits in the producer.
 */
class KafkaProducersTest {

    private static final String NO_BROKER = "127.0.0.1:1";
    private static final Map<String, Object> FAST_TIMEOUTS = Map.of("request.timeout.ms", 300,
            "delivery.timeout.ms", 1000, "reconnect.backoff.max.ms", 100);

    @Test
    void asyncSendNeverBlocksOnAnAbsentBrokerAndReportsAfterDeliveryTimeout() {
        List<ProducerException> errors = new CopyOnWriteArrayList<>();
        try (AsyncProducer<String, String> producer = KafkaProducers.newAsyncProducer("svc", NO_BROKER,
                new StringSerializer(), new StringSerializer(), ProducerOptions.withName("clicks"),
                ProducerOptions.withConfig(FAST_TIMEOUTS), ProducerOptions.withErrorLogger(errors::add),
                ProducerOptions.withTelemetry(new NoopTelemetry()))) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                producer.sendMessage("never-seen-" + (i % 3), "v" + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(producer.name()).isEqualTo("clicks");

            await().atMost(Duration.ofSeconds(10)).until(() -> errors.size() == 100);
            ProducerException first = errors.get(0);
            assertThat(first.producerName()).isEqualTo("clicks");
            assertThat(first.getCause()).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("queue timeout (333 ms, a third of delivery-timeout)")
                    .hasMessageContaining("not present in metadata after 0 ms");
        }
    }

    @Test
    void syncSendFailsWithinDeliveryTimeoutWhenNoBrokerAnswers() {
        List<ProducerException> errors = new CopyOnWriteArrayList<>();
        try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer("svc", NO_BROKER,
                ProducerOptions.withConfig(FAST_TIMEOUTS), ProducerOptions.withRetryMax(5),
                ProducerOptions.withRetryBackoff(Duration.ofMillis(10)),
                ProducerOptions.withRequiredAcks(RequiredAcks.ALL), ProducerOptions.withErrorLogger(errors::add),
                ProducerOptions.withTelemetry(new NoopTelemetry()))) {
            ProducerException error = catchThrowableOfType(ProducerException.class,
                    () -> producer.sendMessage(new ProducerRecord<>("t", new byte[] { 1 })));
            assertThat(error.isRetriable()).isTrue();
            assertThat(error.getCause()).isInstanceOf(TimeoutException.class);
            assertThat(errors).hasSize(1);
        }
    }

    @Test
    void invalidOptionsAreRefusedAtCreation() {
        assertThatThrownBy(() -> KafkaProducers.newSyncProducer("svc", NO_BROKER,
                ProducerOptions.withRequiredAcks(RequiredAcks.LEADER),
                ProducerOptions.withConfig(Map.of("max.in.flight.requests.per.connection", 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.in.flight.requests.per.connection=5");
    }

    private static final class NoopTelemetry implements ProducerTelemetry {
        @Override
        public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                ProducerType type, String clientId, boolean success) {
        }

        @Override
        public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                String clientId, boolean success) {
        }
    }
}
