package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerOption;
import io.quarkiverse.kafkaproducer.ProducerOptions;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultAsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.settings.OverflowPolicy;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkiverse.kafkaproducer.runtime.telemetry.NoTelemetry;
import io.smallrye.mutiny.Multi;

/**
 * Our producers, made by {@link KafkaProducers} (the same engine as injected producers) with their defaults: acks=all
 * and idempotence are defaults. Telemetry goes to Micrometer's global registry, to which the benchmark adds a real
 * registry, unless a variant turns it off.
 */
final class OursVariants {

    static final String SERVICE = "bench";
    private static final int WARM_UP_RECORDS = 2_000;

    /** "Telemetry off": what {@code telemetry-enabled=false} gives a producer, which the engine does not measure for. */
    static final ProducerTelemetry NO_TELEMETRY = NoTelemetry.INSTANCE;

    private OursVariants() {
    }

    /** {@code AsyncProducer.sendMessage} for every record, then {@code flush()}. */
    static Variant async(String name, int records, boolean telemetry, Map<String, Object> kafka) {
        return async(name, records, telemetry, kafka, null);
    }

    /**
     * The same with an overflow policy, which the factory's options do not reach: the producer is then made from its
     * spec, as the factory does.
     */
    static Variant async(String name, int records, boolean telemetry, Map<String, Object> kafka,
            OverflowPolicy overflow) {
        return async(name, records, telemetry, kafka, overflow, false);
    }

    /**
     * Blocking on a full buffer, like {@code ours-overflow-block}, with an error logger that takes the failed records
     * themselves (a dead-letter handler): the producer keeps every record until it settles.
     */
    static Variant asyncKeepingRecords(String name, int records, Map<String, Object> kafka) {
        return async(name, records, true, kafka, OverflowPolicy.BLOCK, true);
    }

    private static Variant async(String name, int records, boolean telemetry, Map<String, Object> kafka,
            OverflowPolicy overflow, boolean keepsRecords) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            try (AsyncProducer<byte[], byte[]> producer = overflow == null
                    ? KafkaProducers.newAsyncProducer(SERVICE, workload.bootstrapServers(),
                            options(failures, telemetry, kafka))
                    : withPolicy(workload, keepsRecords ? failures.recordTakingErrorLogger() : failures.errorLogger(),
                            telemetry, kafka, overflow)) {
                for (int i = 0; i < WARM_UP_RECORDS; i++) {
                    producer.sendMessage(workload.topic(), payload);
                }
                producer.flush();
                Measurement measurement = TimedRun.time(name, n, null, failures, () -> {
                    for (int i = 0; i < n; i++) {
                        producer.sendMessage(workload.topic(), values[i & (Workload.DISTINCT_VALUES - 1)]);
                    }
                    producer.flush();
                    return ThreadMeter.Totals.NONE;
                });
                ClientMetrics.print(name, producer);
                return measurement;
            }
        });
    }

    /** {@code ReactiveProducer.sendMessages(Multi)} of every record, awaited to its last report. */
    static Variant reactiveStream(String name, int records, int maxInFlight, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            List<ProducerOption> options = new ArrayList<>(List.of(options(failures, true, kafka)));
            options.add(ProducerOptions.withMaxInFlight(maxInFlight));
            try (ReactiveProducer<byte[], byte[]> producer = KafkaProducers.newReactiveProducer(SERVICE,
                    workload.bootstrapServers(), options.toArray(ProducerOption[]::new))) {
                producer.sendMessages(Multi.createFrom().range(0, WARM_UP_RECORDS)
                        .map(i -> new ProducerRecord<>(workload.topic(), payload))).collect().last().await()
                        .indefinitely();
                return TimedRun.time(name, n, null, failures, () -> {
                    producer.sendMessages(Multi.createFrom().range(0, n).map(i -> new ProducerRecord<>(workload.topic(),
                            values[i & (Workload.DISTINCT_VALUES - 1)]))).collect().last().await().indefinitely();
                    return ThreadMeter.Totals.NONE;
                });
            }
        });
    }

    /** {@code SyncProducer.sendMessage}, one record at a time per thread. */
    static Variant sync(String name, int records, int threads, boolean telemetry, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            Latencies latencies = new Latencies(n);
            try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer(SERVICE,
                    workload.bootstrapServers(), options(failures, telemetry, kafka))) {
                warmUp(producer, workload.topic(), payload);
                return TimedRun.time(name, n, latencies, failures, () -> TimedRun.onThreads(threads, n, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        long start = System.nanoTime();
                        try {
                            producer.sendMessage(workload.topic(), values[i & (Workload.DISTINCT_VALUES - 1)]);
                        } catch (ProducerException e) {
                            failures.increment();
                        }
                        latencies.record(i, System.nanoTime() - start);
                    }
                }));
            }
        });
    }

    /** {@code SyncProducer.sendMessages} of {@code batch} records at a time. */
    static Variant batch(String name, int records, int batch, Map<String, Object> kafka) {
        return new InProcess(name, records, (workload, n) -> {
            Failures failures = new Failures();
            byte[] payload = workload.payload();
            byte[][] values = workload.payloads();
            int calls = (n + batch - 1) / batch;
            Latencies latencies = new Latencies(calls);
            try (SyncProducer<byte[], byte[]> producer = KafkaProducers.newSyncProducer(SERVICE,
                    workload.bootstrapServers(), options(failures, true, kafka))) {
                warmUp(producer, workload.topic(), payload);
                return TimedRun.time(name, n, latencies, failures, () -> {
                    for (int call = 0; call < calls; call++) {
                        int size = Math.min(batch, n - call * batch);
                        long start = System.nanoTime();
                        List<ProducerRecord<byte[], byte[]>> list = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            list.add(new ProducerRecord<>(workload.topic(),
                                    values[(call * batch + i) & (Workload.DISTINCT_VALUES - 1)]));
                        }
                        try {
                            producer.sendMessages(list);
                        } catch (ProducerException e) {
                            failures.increment();
                        }
                        latencies.record(call, System.nanoTime() - start);
                    }
                    return ThreadMeter.Totals.NONE;
                });
            }
        });
    }

    private static AsyncProducer<byte[], byte[]> withPolicy(Workload workload, ProducerErrorLogger errorLogger,
            boolean telemetry, Map<String, Object> kafka, OverflowPolicy overflow) {
        ProducerSettings spec = new ProducerSettings(KafkaProducers.DEFAULT_NAME, ProducerType.ASYNC).serviceName(SERVICE)
                .baseConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, workload.bootstrapServers()))
                .kafkaOverrides(kafka).errorLogger(errorLogger).overflowPolicy(overflow);
        if (!telemetry) {
            spec.telemetry(NO_TELEMETRY);
        }
        return new DefaultAsyncProducer<>(ProducerEngine.start(spec), new ByteArraySerializer(),
                new ByteArraySerializer(), false);
    }

    private static void warmUp(SyncProducer<byte[], byte[]> producer, String topic, byte[] payload) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < WARM_UP_RECORDS; i++) {
            records.add(new ProducerRecord<>(topic, payload));
        }
        producer.sendMessages(records);
        for (int i = 0; i < 20; i++) {
            producer.sendMessage(topic, payload);
        }
    }

    private static ProducerOption[] options(Failures failures, boolean telemetry, Map<String, Object> kafka) {
        List<ProducerOption> options = new ArrayList<>();
        options.add(ProducerOptions.withErrorLogger(failures.errorLogger()));
        if (!telemetry) {
            options.add(ProducerOptions.withTelemetry(NO_TELEMETRY));
        }
        if (!kafka.isEmpty()) {
            options.add(ProducerOptions.withConfig(kafka));
        }
        return options.toArray(ProducerOption[]::new);
    }
}
