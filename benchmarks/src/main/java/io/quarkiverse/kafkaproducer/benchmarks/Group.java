package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.List;

/**
 * Variants that send the same workload, run in turn within each round (the order rotates from round to round so that
 * none always runs first or last), and the comparisons taken between them.
 *
 * @param id short name, also the topic's suffix
 * @param title what the table says
 * @param valueSize bytes per value
 * @param variants run in this order in the first round
 * @param comparisons figures taken round by round between two of the variants
 */
record Group(String id, String title, int valueSize, List<Variant> variants, List<Comparison> comparisons) {
}
