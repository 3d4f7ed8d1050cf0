package io.quarkiverse.kafkaproducer.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.kafkaproducer.ProducerType;

class MicrometerProducerTelemetryTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void recordsLatencyAndSizeWithTheContractTags() {
        MicrometerProducerTelemetry telemetry = new MicrometerProducerTelemetry(registry);
        telemetry.collectWriteLatency("shop", Duration.ofMillis(3), "orders", 2, ProducerType.SYNC, "shop-default-sync",
                true);
        telemetry.collectWriteSize("shop", 120, "orders", 2, ProducerType.SYNC, "shop-default-sync", true);
        telemetry.collectWriteLatency("shop", Duration.ofMillis(5), "orders", 2, ProducerType.SYNC, "shop-default-sync",
                true);
        telemetry.collectWriteSize("shop", 80, "orders", -1, ProducerType.ASYNC, "c", false);

        Timer timer = registry.get("kafka.producer.write.latency").tags("service", "shop", "topic", "orders",
                "partition", "2", "type", "sync", "client.id", "shop-default-sync", "success", "true").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
        DistributionSummary size = registry.get("kafka.producer.write.size").tags("partition", "2").summary();
        assertThat(size.totalAmount()).isEqualTo(120.0);
        assertThat(size.getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(registry.get("kafka.producer.write.size").tags("partition", "-1", "type", "async", "success",
                "false").summary().count()).isEqualTo(1);
    }

    @Test
    void capsTopicsPerClientAndCanDropThePartitionTag() {
        MicrometerProducerTelemetry telemetry = new MicrometerProducerTelemetry(registry, 2, false, false);
        for (String topic : new String[] { "a", "b", "c", "d", "a" }) {
            telemetry.collectWriteSize("s", 1, topic, 7, ProducerType.ASYNC, "client", true);
        }
        assertThat(registry.find("kafka.producer.write.size").summaries())
                .extracting(s -> s.getId().getTag("topic")).containsExactlyInAnyOrder("a", "b", "other");
        assertThat(registry.get("kafka.producer.write.size").tags("topic", "other").summary().count()).isEqualTo(2);
        assertThat(registry.get("kafka.producer.write.size").tags("topic", "a").summary().getId().getTag("partition"))
                .isEqualTo("all");
    }

    @Test
    void onACompositeRegistryEveryRegistryGetsEachRecordAlsoWhenRegistriesChange() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        composite.add(first);
        MicrometerProducerTelemetry telemetry = new MicrometerProducerTelemetry(composite);
        record(telemetry, 2);

        SimpleMeterRegistry added = new SimpleMeterRegistry();
        composite.add(added);
        record(telemetry, 3);

        assertThat(latency(first).count()).isEqualTo(5);
        assertThat(size(first).totalAmount()).isEqualTo(50.0);
        assertThat(latency(added).count()).as("records after the registry was added").isEqualTo(3);
        assertThat(size(added).count()).isEqualTo(3);

        composite.remove(first);
        record(telemetry, 1);
        assertThat(latency(first).count()).as("records after the registry was removed").isEqualTo(5);
        assertThat(latency(added).count()).isEqualTo(4);
        assertThat(latency(added).max(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
    }

    @Test
    void aRegistryWhoseFilterChangesTheMeterStillGetsEachRecord() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        SimpleMeterRegistry plain = new SimpleMeterRegistry();
        SimpleMeterRegistry withoutPartition = new SimpleMeterRegistry();
        withoutPartition.config().meterFilter(MeterFilter.ignoreTags("partition"));
        composite.add(plain).add(withoutPartition);
        MicrometerProducerTelemetry telemetry = new MicrometerProducerTelemetry(composite);
        record(telemetry, 4);

        assertThat(latency(plain).count()).isEqualTo(4);
        assertThat(withoutPartition.get(MicrometerProducerTelemetry.LATENCY).timer().count()).isEqualTo(4);
        assertThat(withoutPartition.get(MicrometerProducerTelemetry.SIZE).summary().totalAmount()).isEqualTo(40.0);
    }

    private static void record(MicrometerProducerTelemetry telemetry, int records) {
        for (int i = 0; i < records; i++) {
            telemetry.collectWriteLatency("s", Duration.ofMillis(3), "t", 1, ProducerType.ASYNC, "c", true);
            telemetry.collectWriteSize("s", 10, "t", 1, ProducerType.ASYNC, "c", true);
        }
    }

    private static Timer latency(MeterRegistry registry) {
        return registry.get(MicrometerProducerTelemetry.LATENCY).tags("topic", "t", "partition", "1").timer();
    }

    private static DistributionSummary size(MeterRegistry registry) {
        return registry.get(MicrometerProducerTelemetry.SIZE).tags("topic", "t", "partition", "1").summary();
    }
}
