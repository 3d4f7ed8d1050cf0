package io.quarkiverse.kafkaproducer.docs;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.smallrye.common.annotation.Identifier;

// tag::custom[]
@Identifier("payments") // <1>
@Singleton
public class SlowWriteTelemetry implements ProducerTelemetry {

    private static final Logger LOG = Logger.getLogger("payments.telemetry");
    private static final Duration SLOW = Duration.ofSeconds(1);

    @Override
    public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
            ProducerType type, String clientId, boolean success) { // <2>
        if (duration.compareTo(SLOW) > 0) {
            LOG.warnf("%s: a %s write to %s-%d took %d ms (success: %s)", serviceName, type, topic, partition,
                    duration.toMillis(), success);
        }
    }

    @Override
    public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
        // sizes are of no interest here
    }
}
// end::custom[]
