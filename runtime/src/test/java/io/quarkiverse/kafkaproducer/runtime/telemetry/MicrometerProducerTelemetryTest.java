package io.quarkiverse.kafkaproducer.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
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
}
