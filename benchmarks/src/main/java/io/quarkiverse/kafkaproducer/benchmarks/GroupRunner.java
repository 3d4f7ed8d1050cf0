package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Runs one group: a warm-up round, then the rounds, each variant once per round in a rotating order. */
final class GroupRunner {

    private final BenchmarkOptions options;
    private final Topics topics;
    private final String bootstrapServers;
    private final ProcessHandle broker;

    GroupRunner(BenchmarkOptions options, Topics topics, String bootstrapServers, ProcessHandle broker) {
        this.options = options;
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
    }

    GroupResult run(Group group) throws Exception {
        GroupResult result = new GroupResult(group);
        Workload workload = new Workload(bootstrapServers, "bench-" + group.id(), group.valueSize(), broker);
        topics.create(workload.topic());
        result.loadBefore = BenchmarkMain.loadAverage1();
        Progress.note(group.title() + ": warm-up (load average " + BenchmarkMain.loadAverage() + ")");
        for (Variant variant : group.variants()) {
            if (variant.warmsUp()) {
                variant.run(workload, Math.max(1_000, records(variant) / 5));
                topics.empty(workload.topic());
            }
        }
        for (int round = 0; round < options.rounds; round++) {
            List<Variant> order = new ArrayList<>(group.variants());
            Collections.rotate(order, -round);
            for (Variant variant : order) {
                double brokerBefore = workload.brokerCpuMicros();
                Measurement measurement = variant.run(workload, records(variant));
                // Producer set-up and warm-up fall in this span too: a few thousand records beside the measured ones.
                measurement = measurement.withBrokerCpu(
                        (workload.brokerCpuMicros() - brokerBefore) / measurement.delivered());
                result.add(measurement);
                topics.empty(workload.topic());
                Progress.note(String.format(Locale.ROOT, "%s, round %d/%d, %-22s %,12.0f delivered/s in %6.2f s%s%s%s%s",
                        group.title(), round + 1, options.rounds, variant.name(), measurement.deliveredPerSecond(),
                        measurement.seconds(),
                        Double.isNaN(measurement.p50Micros()) ? ""
                                : String.format(Locale.ROOT, ", p50 %.0f µs, p99 %.0f µs", measurement.p50Micros(),
                                        measurement.p99Micros()),
                        Double.isNaN(measurement.allocatedBytesPerRecord()) ? ""
                                : String.format(Locale.ROOT, ", heap %.0f B/record",
                                        measurement.allocatedBytesPerRecord()),
                        String.format(Locale.ROOT, ", cpu %.2f µs/record + broker %.2f",
                                measurement.cpuMicrosPerRecord(), measurement.brokerCpuMicrosPerRecord()),
                        measurement.failed() == 0 ? "" : ", FAILED " + measurement.failed()));
            }
        }
        result.loadAfter = BenchmarkMain.loadAverage1();
        return result;
    }

    private int records(Variant variant) {
        return Math.max(500, (int) Math.round(variant.records() * options.scale));
    }
}
