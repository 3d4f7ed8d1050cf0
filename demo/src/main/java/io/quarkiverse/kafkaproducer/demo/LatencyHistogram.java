package io.quarkiverse.kafkaproducer.demo;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes histogram buckets for the write latency, so that Prometheus can compute percentiles across instances
 * ({@code histogram_quantile}); see the telemetry page of the documentation.
 */
@Singleton
public class LatencyHistogram {

    @Produces
    @Singleton
    MeterFilter kafkaWriteLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("kafka.producer.write.latency")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
