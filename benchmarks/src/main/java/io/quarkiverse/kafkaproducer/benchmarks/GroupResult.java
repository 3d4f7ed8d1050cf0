package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The measurements of one group, round by round, and the figures taken from them. */
final class GroupResult {

    final Group group;
    /** Variant name to its measurement in each round, in round order. */
    final Map<String, List<Measurement>> measurements = new LinkedHashMap<>();
    double loadBefore;
    double loadAfter;

    GroupResult(Group group) {
        this.group = group;
        group.variants().forEach(v -> measurements.put(v.name(), new ArrayList<>()));
    }

    void add(Measurement measurement) {
        measurements.get(measurement.variant()).add(measurement);
    }

    /** The figure of each round in which both variants ran. */
    double[] values(Comparison comparison) {
        List<Measurement> numerators = measurements.get(comparison.numerator());
        List<Measurement> denominators = measurements.get(comparison.denominator());
        if (numerators == null || denominators == null) {
            return new double[0];
        }
        int rounds = Math.min(numerators.size(), denominators.size());
        double[] values = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            values[i] = comparison.value(numerators.get(i), denominators.get(i));
        }
        return values;
    }

    double median(String variant, ToDoubleFunction<Measurement> figure) {
        return median(measurements.get(variant).stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
