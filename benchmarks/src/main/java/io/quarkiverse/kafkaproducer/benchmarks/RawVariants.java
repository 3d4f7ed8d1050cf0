package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.settings.ClientSettings;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;

/**
 * The plain Kafka Java client with exactly the settings our producer of the same type gives its own client (taken from
 * {@link ClientSettings}), except {@code max.block.ms}, left at Kafka's default so that {@code send} waits for
 * metadata and buffer space as plain-client users expect.
 */
final class RawVariants {

    private static final int WARM_UP_RECORDS = 2_000;

    private RawVariants() {
    }

    /** The configuration of our producer of that type, with extra Kafka properties, as the plain client gets it. */
    static Map<String, Object> config(ProducerType type, String bootstrapServers, Map<String, Object> kafka) {
        ProducerSettings spec = new ProducerSettings(KafkaProducers.DEFAULT_NAME, type).serviceName(OursVariants.SERVICE)
                .baseConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)).kafkaOverrides(kafka);
        Map<String, Object> config = new HashMap<>(ClientSettings.resolve(spec).kafkaConfig());
        config.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-" + type.tagValue());
        return config;
    }

    /** {@code send(record, callback)} for every record, then {@code flush()}. */
    static Variant async(String name, int records, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            Callback callback = failures.callback();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            try (KafkaProducer<byte[], byte[]> producer = open(ProducerType.ASYNC, workload, kafka)) {
                for (int i = 0; i < WARM_UP_RECORDS; i++) {
                    producer.send(new ProducerRecord<>(workload.topic(), payload), callback);
                }
                producer.flush();
                Measurement measurement = TimedRun.time(name, n, null, failures, () -> {
                    for (int i = 0; i < n; i++) {
                        producer.send(new ProducerRecord<>(workload.topic(), values[i & (Workload.DISTINCT_VALUES - 1)]),
                                callback);
                    }
                    producer.flush();
                    return ThreadMeter.Totals.NONE;
                });
                ClientMetrics.print(name, producer);
                return measurement;
            }
        });
    }

    /**
     * The peer a user would write to get what our default telemetry gives: the plain client, and in each record's
     * callback one Micrometer {@code Timer} (time from the send call) and one {@code DistributionSummary} (bytes), on
     * the same registry as ours. The meters are registered once, for delivered and failed records apart; each send
     * allocates its own callback, as it must to know when its record was sent.
     */
    static Variant asyncMetered(String name, int records, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            Meters delivered = new Meters(workload.topic(), true);
            Meters failed = new Meters(workload.topic(), false);
            try (KafkaProducer<byte[], byte[]> producer = open(ProducerType.ASYNC, workload, kafka)) {
                for (int i = 0; i < WARM_UP_RECORDS; i++) {
                    send(producer, new ProducerRecord<>(workload.topic(), payload), delivered, failed, failures);
                }
                producer.flush();
                Measurement measurement = TimedRun.time(name, n, null, failures, () -> {
                    for (int i = 0; i < n; i++) {
                        send(producer, new ProducerRecord<>(workload.topic(), values[i & (Workload.DISTINCT_VALUES - 1)]),
                                delivered, failed, failures);
                    }
                    producer.flush();
                    return ThreadMeter.Totals.NONE;
                });
                ClientMetrics.print(name, producer);
                return measurement;
            }
        });
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record,
            Meters delivered, Meters failed, Failures failures) {
        long start = System.nanoTime();
        int size = record.value().length;
        producer.send(record, (metadata, exception) -> {
            Meters meters = exception == null ? delivered : failed;
            meters.latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            meters.size.record(size);
            if (exception != null) {
                failures.increment();
            }
        });
    }

    /** The peer's two meters for one outcome, tagged as ours are. */
    private static final class Meters {
        final Timer latency;
        final DistributionSummary size;

        Meters(String topic, boolean success) {
            Tags tags = Tags.of("service", OursVariants.SERVICE, "topic", topic, "type", "async", "client.id",
                    "bench-raw-metered", "success", Boolean.toString(success));
            latency = Timer.builder("bench.peer.write.latency").tags(tags).register(Metrics.globalRegistry);
            size = DistributionSummary.builder("bench.peer.write.size").baseUnit("bytes").tags(tags)
                    .register(Metrics.globalRegistry);
        }
    }

    /** {@code send(record).get()}, one record at a time per thread, with the sync settings (linger.ms=0). */
    static Variant sync(String name, int records, int threads, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            Latencies latencies = new Latencies(n);
            try (KafkaProducer<byte[], byte[]> producer = open(ProducerType.SYNC, workload, kafka)) {
                warmUp(producer, workload.topic(), payload);
                return TimedRun.time(name, n, latencies, failures, () -> TimedRun.onThreads(threads, n, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        long start = System.nanoTime();
                        try {
                            producer.send(new ProducerRecord<>(workload.topic(), values[i & (Workload.DISTINCT_VALUES - 1)]))
                                    .get();
                        } catch (ExecutionException e) {
                            failures.increment();
                        }
                        latencies.record(i, System.nanoTime() - start);
                    }
                }));
            }
        });
    }

    /** {@code batch} sends, then {@code get()} on each of their futures, with the sync settings. */
    static Variant batch(String name, int records, int batch, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            int calls = (n + batch - 1) / batch;
            Latencies latencies = new Latencies(calls);
            try (KafkaProducer<byte[], byte[]> producer = open(ProducerType.SYNC, workload, kafka)) {
                warmUp(producer, workload.topic(), payload);
                return TimedRun.time(name, n, latencies, failures, () -> {
                    @SuppressWarnings("unchecked")
                    Future<RecordMetadata>[] futures = new Future[batch];
                    for (int call = 0; call < calls; call++) {
                        int size = Math.min(batch, n - call * batch);
                        long start = System.nanoTime();
                        for (int i = 0; i < size; i++) {
                            futures[i] = producer.send(
                                    new ProducerRecord<>(workload.topic(),
                                            values[(call * batch + i) & (Workload.DISTINCT_VALUES - 1)]));
                        }
                        for (int i = 0; i < size; i++) {
                            try {
                                futures[i].get();
                            } catch (ExecutionException e) {
                                failures.increment();
                            }
                        }
                        latencies.record(call, System.nanoTime() - start);
                    }
                    return ThreadMeter.Totals.NONE;
                });
            }
        });
    }

    private static KafkaProducer<byte[], byte[]> open(ProducerType type, Workload workload, Map<String, Object> kafka) {
        return new KafkaProducer<>(config(type, workload.bootstrapServers(), kafka), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static void warmUp(KafkaProducer<byte[], byte[]> producer, String topic, byte[] payload) throws Exception {
        for (int i = 0; i < WARM_UP_RECORDS; i++) {
            producer.send(new ProducerRecord<>(topic, payload));
        }
        producer.flush();
        for (int i = 0; i < 20; i++) {
            producer.send(new ProducerRecord<>(topic, payload)).get();
        }
    }
}
