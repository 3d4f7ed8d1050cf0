package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * {@code ReactiveProducer.sendMessages(Multi)} against a real broker: a long stream goes out with at most
 * {@code max-in-flight} records between the upstream and the subscriber, and a failure ends the stream after the
 * records before it. The long stream has the contract's length, 10 million records ({@code -Dreactive.stream.records=N} changes
 * it).
 */
class ReactiveStreamTest {

    private static final Logger LOG = Logger.getLogger(ReactiveStreamTest.class);
    private static final int MAX_IN_FLIGHT = 1024;

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(3);

    @Test
    void aLongStreamIsSentWithAtMostMaxInFlightRecordsOutstanding() {
        long records = Long.getLong("reactive.stream.records", 10_000_000); // the contract's length
        byte[] value = new byte[100];
        AtomicLong pulled = new AtomicLong();
        AtomicLong reported = new AtomicLong();
        AtomicLong mostOutstanding = new AtomicLong();
        AtomicBoolean upstreamOnNetworkThread = new AtomicBoolean();
        List<ProducerException> errors = new CopyOnWriteArrayList<>();
        try (ReactiveProducer<byte[], byte[]> producer = KafkaProducers.newReactiveProducer("stream",
                broker.bootstrapServers(), ProducerOptions.withErrorLogger(errors::add),
                ProducerOptions.withMaxInFlight(MAX_IN_FLIGHT))) {
            long start = System.nanoTime();
            Multi<ProducerRecord<byte[], byte[]>> stream = Multi.createFrom().generator(() -> 0L, (i, emitter) -> {
                if (i == records) {
                    emitter.complete();
                } else {
                    long outstanding = pulled.incrementAndGet() - reported.get();
                    mostOutstanding.accumulateAndGet(outstanding, Math::max);
                    if (Thread.currentThread().getName().startsWith("kafka-producer-network-thread")) {
                        upstreamOnNetworkThread.set(true); // would make that one thread send and serialize them all
                    }
                    emitter.emit(new ProducerRecord<>("reactive-stream", value));
                }
                return i + 1;
            });
            long lastOffsetSeen = producer.sendMessages(stream).onItem().invoke(report -> reported.incrementAndGet())
                    .collect().with(java.util.stream.Collectors.counting()).await().atMost(Duration.ofMinutes(5));
            LOG.infof("%d records streamed in %d ms; at most %d outstanding", records,
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), mostOutstanding.get());
            assertThat(lastOffsetSeen).isEqualTo(records);
        }
        assertThat(errors).isEmpty();
        assertThat(mostOutstanding.get()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
        assertThat(upstreamOnNetworkThread).as("the upstream ran on the Kafka client's network thread").isFalse();
        assertThat(broker.endOffsetSum("reactive-stream")).isEqualTo(records);
    }

    @Test
    void aFailedRecordEndsTheStreamAfterTheRecordsBeforeIt() {
        List<ProducerException> errors = new CopyOnWriteArrayList<>();
        try (ReactiveProducer<String, String> producer = KafkaProducers.newReactiveProducer("stream",
                broker.bootstrapServers(), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer(),
                ProducerOptions.withErrorLogger(errors::add))) {
            char[] tooLarge = new char[2 * 1024 * 1024];
            Arrays.fill(tooLarge, 'x');
            Multi<ProducerRecord<String, String>> records = Multi.createFrom().range(0, 100)
                    .map(i -> new ProducerRecord<>("reactive-failure", 0, "k" + i,
                            i == 50 ? new String(tooLarge) : "v" + i));
            AssertSubscriber<DeliveryReport> subscriber = producer.sendMessages(records)
                    .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

            subscriber.awaitFailure(Duration.ofSeconds(60));
            assertThat(subscriber.getFailure()).isInstanceOf(ProducerException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
            assertThat(subscriber.getItems()).extracting(DeliveryReport::offset)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 50).boxed().toList());
        }
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).doesNotContain("xxxx"));
    }
}
