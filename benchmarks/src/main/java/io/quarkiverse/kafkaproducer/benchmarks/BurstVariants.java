package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerOptions;

/**
 * A new async producer with its defaults sends a burst to a topic that does not exist yet, so that the broker
 * auto-creates it: the records wait in the producer until the client has the new topic's metadata. Timed from the
 * producer's creation to the end of {@code flush()}; the figure that matters is the failed count.
 */
final class BurstVariants {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private BurstVariants() {
    }

    /**
     * @param ratePerSecond the pace of the burst, or 0 for as fast as the caller can go
     * @param valueSize bytes per value, whatever the group's
     */
    static Variant burst(String name, int records, int ratePerSecond, int valueSize) {
        return new InProcess(name, records, (groupWorkload, n) -> {
            Workload workload = new Workload(groupWorkload.bootstrapServers(), groupWorkload.topic(), valueSize,
                    groupWorkload.broker());
            String topic = workload.topic() + "-new-" + TOPICS.incrementAndGet();
            Failures failures = new Failures();
            byte[][] values = workload.payloads();
            long nanosPerRecord = ratePerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            AsyncProducer<byte[], byte[]>[] producer = new AsyncProducer[1];
            try {
                return TimedRun.time(name, n, null, failures, () -> {
                    producer[0] = KafkaProducers.newAsyncProducer(OursVariants.SERVICE, workload.bootstrapServers(),
                            ProducerOptions.withErrorLogger(failures.errorLogger()));
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        producer[0].sendMessage(topic, values[i & (Workload.DISTINCT_VALUES - 1)]);
                        if (nanosPerRecord > 0 && i % 100 == 99) {
                            long ahead = start + (i + 1) * nanosPerRecord - System.nanoTime();
                            if (ahead > 0) {
                                LockSupport.parkNanos(ahead);
                            }
                        }
                    }
                    producer[0].flush();
                    return ThreadMeter.Totals.NONE;
                });
            } finally {
                if (producer[0] != null) {
                    producer[0].close();
                }
                try (Topics topics = new Topics(workload.bootstrapServers())) {
                    topics.delete(topic);
                }
            }
        });
    }
}
