package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
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
 * keys stays the same, as Prometheus requires). The latency timer can publish a percentile histogram and client-side
 * percentiles; the size summary publishes neither. Thread-safe.
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

        boolean matches(String service, String topic, int partition, ProducerType type, String clientId,
                boolean success) {
            return this.partition == partition && this.success == success && this.type == type
                    && Objects.equals(this.topic, topic) && Objects.equals(this.clientId, clientId)
                    && Objects.equals(this.service, service);
        }
    }

    /** A key and its meters. */
    private record Hit(Key key, Meters meters) {
    }

    /**
     * The meters of one tag combination as registered, and the meters a record goes to: the same ones, or on a
     * composite registry its children's (see {@link CompositeChildren}).
     */
    private static final class Meters {
        final Timer latency;
        final DistributionSummary size;
        volatile Targets targets;

        Meters(Timer latency, DistributionSummary size) {
            this.latency = latency;
            this.size = size;
        }
    }

    /** Where records go, found when the composite registry had {@code registries} registries (-1: no composite). */
    private record Targets(Timer[] latency, DistributionSummary[] size, int registries) {
    }

    private final MeterRegistry registry;
    /** The registry when it is a composite, else null. */
    private final CompositeMeterRegistry composite;
    private final int maxTopics;
    private final boolean partitionTag;
    private final boolean latencyHistogram;
    private final double[] latencyPercentiles;
    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();
    /**
     * The meters found last, for delivered and for failed records apart. Records are settled batch by batch, and the
     * records of a batch share topic, partition and outcome; the size call follows the latency call of the same
     * record. So most calls end here, without allocating a key or searching the map, which on the Kafka client's
     * network thread was most of the telemetry's cost. Failed records have their own slot: under overload, refused records are
     * reported on the callers' threads while the
     * network thread reports delivered ones, and one slot for both would miss on nearly every call.
     */
    private volatile Hit lastDelivered;
    private volatile Hit lastFailed;
    private final ConcurrentHashMap<String, Set<String>> topicsByClient = new ConcurrentHashMap<>();
    private final Set<String> warnedClients = ConcurrentHashMap.newKeySet();

    /** With the default cardinality guard, the partition tag, and no histogram. */
    public MicrometerProducerTelemetry(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_TOPICS, true, false);
    }

    /**
     * @param maxTopics distinct topic tag values per client id before {@code topic="other"}; at least 1
     * @param partitionTag whether to tag the partition; without it, {@code partition="all"}
     * @param latencyHistogram whether the latency timer publishes a percentile histogram (for Prometheus'
     *        {@code histogram_quantile})
     * @param latencyPercentiles percentiles the latency timer computes in the application, each in [0, 1]
     */
    public MicrometerProducerTelemetry(MeterRegistry registry, int maxTopics, boolean partitionTag,
            boolean latencyHistogram, double... latencyPercentiles) {
        if (maxTopics < 1) {
            throw new IllegalArgumentException("quarkus.kafka-producer.telemetry.max-topics must be at least 1, but is "
                    + maxTopics);
        }
        for (double percentile : latencyPercentiles) {
            if (percentile < 0 || percentile > 1) {
                throw new IllegalArgumentException("quarkus.kafka-producer.telemetry.latency-percentiles must be "
                        + "between 0 and 1, but one is " + percentile);
            }
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        this.composite = registry instanceof CompositeMeterRegistry c ? c : null;
        this.maxTopics = maxTopics;
        this.partitionTag = partitionTag;
        this.latencyHistogram = latencyHistogram;
        this.latencyPercentiles = latencyPercentiles.clone();
    }

    @Override
    public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
            ProducerType type, String clientId, boolean success) {
        long nanos = duration.toNanos();
        for (Timer timer : targets(meters(serviceName, topic, partition, type, clientId, success)).latency()) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
        for (DistributionSummary summary : targets(meters(serviceName, topic, partition, type, clientId, success))
                .size()) {
            summary.record(size);
        }
    }

    /**
     * Both meters of one record at once, as {@link #collectWriteLatency} and {@link #collectWriteSize} would record
     * them: what the engine calls for this class (and not for a subclass, whose overrides it must honour), saving the
     * second lookup of the record's meters and the {@link Duration} of the interface.
     */
    public void record(String serviceName, long latencyNanos, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success) {
        Targets targets = targets(meters(serviceName, topic, partition, type, clientId, success));
        for (Timer timer : targets.latency()) {
            timer.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
        for (DistributionSummary summary : targets.size()) {
            summary.record(size);
        }
    }

    /** The meters' targets, found again if the composite's registries changed since they were found. */
    private Targets targets(Meters meters) {
        Targets targets = meters.targets;
        if (composite == null || targets.registries() == composite.getRegistries().size()) {
            return targets;
        }
        targets = find(meters.latency, meters.size);
        meters.targets = targets;
        return targets;
    }

    private Targets find(Timer latency, DistributionSummary size) {
        int registries = composite == null ? -1 : composite.getRegistries().size();
        return new Targets(CompositeChildren.of(composite, latency, Timer.class, Timer[]::new),
                CompositeChildren.of(composite, size, DistributionSummary.class, DistributionSummary[]::new), registries);
    }

    private Meters meters(String service, String topic, int partition, ProducerType type, String clientId,
            boolean success) {
        int tagged = partitionTag ? partition : 0;
        Hit hit = success ? lastDelivered : lastFailed;
        if (hit != null && hit.key().matches(service, topic, tagged, type, clientId, success)) {
            return hit.meters();
        }
        Key key = new Key(service, topic, tagged, type, clientId, success);
        Meters found = meters.get(key);
        if (found == null) {
            found = admitTopic(clientId, topic) ? meters.computeIfAbsent(key, this::create)
                    // Not cached under the original topic: an unbounded number of topics must not grow the cache.
                    : meters.computeIfAbsent(new Key(service, OTHER_TOPIC, tagged, type, clientId, success),
                            this::create);
        }
        if (success) {
            lastDelivered = new Hit(key, found);
        } else {
            lastFailed = new Hit(key, found);
        }
        return found;
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
                .tags(tags).publishPercentileHistogram(latencyHistogram)
                .publishPercentiles(latencyPercentiles.length == 0 ? null : latencyPercentiles)
                .register(registry);
        DistributionSummary size = DistributionSummary.builder(SIZE)
                .description("Bytes written per record: key, value and headers")
                .baseUnit("bytes").tags(tags).register(registry);
        Meters meters = new Meters(latency, size);
        meters.targets = find(latency, size);
        return meters;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
