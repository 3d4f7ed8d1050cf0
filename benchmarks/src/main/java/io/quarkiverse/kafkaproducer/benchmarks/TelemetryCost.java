package io.quarkiverse.kafkaproducer.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.telemetry.MicrometerProducerTelemetry;

/**
 * What the default telemetry costs per record on one thread, without Kafka: the two meters of the contract through our
 * {@link MicrometerProducerTelemetry} (on a composite registry, as Quarkus' global registry is, and on a plain one), the
 * same two Micrometer meters recorded directly, and one {@code System.nanoTime()}, of which a record takes two (its
 * latency is measured from the send call to the broker's answer). The evidence for the telemetry's share of a record's
 * cost on the Performance page.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar io.quarkiverse.kafkaproducer.benchmarks.TelemetryCost}
 */
public final class TelemetryCost {

    private static final int RECORDS = 10_000_000;
    private static final int ROUNDS = 7;

    /** Where a measured loop's result goes, so that the JIT cannot drop the loop. */
    private static volatile long sink;

    private TelemetryCost() {
    }

    public static void main(String[] args) {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new SimpleMeterRegistry());
        MicrometerProducerTelemetry onComposite = new MicrometerProducerTelemetry(composite);
        MicrometerProducerTelemetry onSimple = new MicrometerProducerTelemetry(new SimpleMeterRegistry());
        SimpleMeterRegistry direct = new SimpleMeterRegistry();
        Timer timer = Timer.builder("latency").register(direct);
        DistributionSummary summary = DistributionSummary.builder("size").register(direct);

        double[][] results = new double[4][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            results[0][round] = perRecord(() -> telemetry(onComposite));
            results[1][round] = perRecord(() -> telemetry(onSimple));
            results[2][round] = perRecord(() -> {
                for (int i = 0; i < RECORDS; i++) {
                    timer.record(1_000_000 + (i & 1023), TimeUnit.NANOSECONDS);
                    summary.record(100);
                }
            });
            results[3][round] = perRecord(() -> {
                long sum = 0;
                for (int i = 0; i < RECORDS; i++) {
                    sum += System.nanoTime();
                }
                sink = sum; // read by no one, but keeps the loop from being removed
            });
        }
        String[] names = { "our telemetry, composite registry (as in Quarkus)", "our telemetry, plain registry",
                "Micrometer Timer + DistributionSummary, directly", "one System.nanoTime()" };
        System.out.println("Per record, median of " + ROUNDS + " rounds of " + RECORDS + " (first round is warm-up):");
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "  %-52s %6.1f ns%n", names[i], GroupResult.median(
                    Arrays.copyOfRange(results[i], 1, ROUNDS)));
        }
    }

    private static void telemetry(MicrometerProducerTelemetry telemetry) {
        for (int i = 0; i < RECORDS; i++) {
            telemetry.collectWriteLatency("bench", Duration.ofNanos(1_000_000 + (i & 1023)), "topic", (i >> 12) & 1,
                    ProducerType.ASYNC, "bench-default-async", true);
            telemetry.collectWriteSize("bench", 100, "topic", (i >> 12) & 1, ProducerType.ASYNC, "bench-default-async", true);
        }
    }

    private static double perRecord(Runnable body) {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / (double) RECORDS;
    }
}
