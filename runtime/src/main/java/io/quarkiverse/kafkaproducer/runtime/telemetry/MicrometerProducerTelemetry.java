package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;

/**
 * The default {@link ProducerTelemetry}: a Timer {@code kafka.producer.write.latency} and a DistributionSummary
 * {@code kafka.producer.write.size} (base unit bytes), tagged {@code service}, {@code topic}, {@code partition},
 * {@code type} ({@code sync} or {@code async}), {@code client.id} and {@code success}.
 * <p>
 * Meters are created once per tag combination and cached, so a record costs one map lookup per meter. Cardinality
 * guards: at most {@code maxTopics} distinct topics per client id (beyond, the tag is {@code topic="other"}, with one
 * warning), and the {@code partition} tag can be left out (then {@code partition="all"}, a constant, so the set of tag
 * keys stays the same, as Prometheus requires). Thread-safe.
 */
public class MicrometerProducerTelemetry implements ProducerTelemetry {

    public static final String LATENCY = "kafka.producer.write.latency";
    public static final String SIZE = "kafka.producer.write.size";
    /** Default cap on distinct topic tag values per client id. */
    public static final int DEFAULT_MAX_TOPICS = 100;
    static final String OTHER_TOPIC = "other";

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    private record Key(String service, String topic, int partition, ProducerType type, String clientId,
            boolean success) {
    }

    private record Meters(Timer latency, DistributionSummary size) {
    }

    private final MeterRegistry registry;
    private final int maxTopics;
    private final boolean partitionTag;
    private final boolean histogram;
    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> topicsByClient = new ConcurrentHashMap<>();
    private final Set<String> warnedClients = ConcurrentHashMap.newKeySet();

    /** With the default cardinality guard, the partition tag, and no histogram. */
    public MicrometerProducerTelemetry(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_TOPICS, true, false);
    }

    /**
     * @param maxTopics distinct topic tag values per client id before {@code topic="other"}
     * @param partitionTag whether to tag the partition; without it, {@code partition="all"}
     * @param histogram whether to publish percentile histograms (for Prometheus' {@code histogram_quantile})
     */
    public MicrometerProducerTelemetry(MeterRegistry registry, int maxTopics, boolean partitionTag,
            boolean histogram) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maxTopics = maxTopics;
        this.partitionTag = partitionTag;
        this.histogram = histogram;
    }

    @Override
    public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
            ProducerType type, String clientId, boolean success) {
        meters(serviceName, topic, partition, type, clientId, success).latency().record(duration);
    }

    @Override
    public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
        meters(serviceName, topic, partition, type, clientId, success).size().record(size);
    }

    private Meters meters(String service, String topic, int partition, ProducerType type, String clientId,
            boolean success) {
        Key key = new Key(service, topic, partitionTag ? partition : 0, type, clientId, success);
        Meters found = meters.get(key);
        if (found != null) {
            return found;
        }
        if (!admitTopic(clientId, topic)) {
            // Not cached under the original topic: an unbounded number of topics must not grow the cache either.
            return meters.computeIfAbsent(new Key(service, OTHER_TOPIC, key.partition(), type, clientId, success),
                    this::create);
        }
        return meters.computeIfAbsent(key, this::create);
    }

    private boolean admitTopic(String clientId, String topic) {
        Set<String> topics = topicsByClient.computeIfAbsent(String.valueOf(clientId),
                c -> ConcurrentHashMap.newKeySet());
        if (topics.contains(topic)) {
            return true;
        }
        synchronized (topics) {
            if (topics.size() < maxTopics) {
                topics.add(topic);
                return true;
            }
            if (warnedClients.add(String.valueOf(clientId))) {
                LOG.warnf("Kafka producer client '%s' wrote to more than %d topics; further topics are tagged "
                        + "topic=\"%s\" in the %s and %s meters", clientId, maxTopics, OTHER_TOPIC, LATENCY, SIZE);
            }
            return false;
        }
    }

    private Meters create(Key key) {
        Tags tags = Tags.of("service", nonNull(key.service()), "topic", nonNull(key.topic()),
                "partition", partitionTag ? Integer.toString(key.partition()) : "all",
                "type", key.type() == null ? "" : key.type().tagValue(), "client.id", nonNull(key.clientId()),
                "success", Boolean.toString(key.success()));
        Timer latency = Timer.builder(LATENCY)
                .description("Time from the send call to the broker's answer, per record")
                .tags(tags).publishPercentileHistogram(histogram).register(registry);
        DistributionSummary size = DistributionSummary.builder(SIZE)
                .description("Bytes written per record: key, value and headers")
                .baseUnit("bytes").tags(tags).publishPercentileHistogram(histogram).register(registry);
        return new Meters(latency, size);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
