package io.quarkiverse.kafkaproducer.runtime.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The default Micrometer telemetry ({@code kafka.producer.write.latency} and {@code kafka.producer.write.size}) and
 * its cardinality controls. They apply to the default telemetry bean only, not to an application's own
 * {@code ProducerTelemetry}.
 */
public interface TelemetryConfig {

    /**
     * How many distinct {@code topic} tag values one producer may create. Records to further topics are counted under
     * {@code topic="other"}, and a warning is logged once per producer. Bounds the number of time series a producer
     * that writes to many topics (one per customer, say) can create.
     */
    @WithDefault("100")
    int maxTopics();

    /**
     * Whether the meters carry the record's partition in the {@code partition} tag. Turned off, the tag is
     * {@code partition="all"} for every record: the tag stays (a Prometheus meter must keep the same tag keys) but
     * the series no longer multiply with the partitions.
     */
    @WithDefault("true")
    boolean partitionTag();

    /**
     * Whether the write latency timer publishes a percentile histogram (buckets usable by Prometheus'
     * {@code histogram_quantile} across instances). Adds about 70 series per tag combination.
     */
    @WithDefault("false")
    boolean latencyHistogram();

    /**
     * Percentiles the write latency timer computes in the application, for example {@code 0.5,0.99}. They cannot be
     * aggregated across instances; prefer {@code latency-histogram} with Prometheus.
     */
    Optional<List<Double>> latencyPercentiles();
}
