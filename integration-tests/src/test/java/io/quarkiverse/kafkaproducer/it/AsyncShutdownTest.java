package io.quarkiverse.kafkaproducer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Stopping the application under load loses nothing silently. */
@QuarkusTest
@TestProfile(ShutdownProfile.class)
class AsyncShutdownTest {

    private static final int COUNT = 100_000;

    /** close-timeout=200ms */
    @Inject
    @Identifier("closing")
    AsyncProducer<String, String> producer;

    @Inject
    RecordingErrorLogger errors;

    @Test
    void everyRecordHandedOverIsDeliveredOrReportedWhenTheApplicationStops() throws Exception {
        try (KafkaCompanion companion = new KafkaCompanion(ControlledBroker.cluster().bootstrapServers())) {
            companion.topics().createAndWait("async-shutdown", 3);
            for (int i = 0; i < COUNT; i++) {
                producer.sendMessage("async-shutdown", String.valueOf(i));
            }
            long start = System.nanoTime();
            // what the container does when the application stops: destroy the registry, which closes every producer
            Arc.container().instance(ProducerRegistry.class).destroy();
            Duration closing = Duration.ofNanos(System.nanoTime() - start);

            long delivered = Topics.endOffsetSum(ControlledBroker.cluster().bootstrapServers(), "async-shutdown");
            int reported = errors.errorsFor("async-shutdown").size();
            // Nothing lost silently. A batch the broker wrote while the forced close aborted it counts on both sides,
            // so the sum may exceed what was handed over, never fall short of it.
            assertThat(delivered + reported).isGreaterThanOrEqualTo(COUNT);
            // Bounded by the close timeout plus the reporting of what was left, far below the delivery-timeout (120 s)
            // that an unbounded close would wait; generous, as reporting 100,000 failures is slow on a loaded machine.
            assertThat(closing).isLessThan(Duration.ofSeconds(60));

            List<ConsumerRecord<String, String>> read = companion.consumeStrings()
                    .fromTopics("async-shutdown", delivered).awaitCompletion(Duration.ofMinutes(1)).getRecords();
            Set<String> distinct = new HashSet<>();
            read.forEach(r -> distinct.add(r.value()));
            assertThat(distinct).hasSize(read.size()); // no duplicates
        }
    }
}
