package io.quarkiverse.kafkaproducer;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Thrown by {@link SyncProducer#sendMessages(List)} when one or more records of the batch failed, after every record
 * of the batch has settled (or the wait for it ended). Nothing about the batch is left unknown: each record is either
 * in {@link #failures()} or in {@link #delivered()}, by its index in the input list.
 * <p>
 * {@link #topic()}, {@link #partition()} and {@link #getCause()} are those of the first failure;
 * {@link #isRetriable()} is true only when every failure is retriable.
 */
public class ProducerErrors extends ProducerException {

    private static final long serialVersionUID = 1L;
    private static final int FAILURES_IN_MESSAGE = 3;

    /**
     * One failed record of a batch.
     *
     * @param index the record's index in the list given to {@code sendMessages}
     * @param error why it failed
     */
    public record Failure(int index, ProducerException error) {
    }

    private final List<Failure> failures;
    private final SortedMap<Integer, DeliveryReport> delivered;

    /**
     * @param failures the failures, in input order; at least one
     * @param delivered the reports of the delivered records, by input index
     */
    public ProducerErrors(String producerName, ProducerType producerType, List<Failure> failures,
            SortedMap<Integer, DeliveryReport> delivered) {
        super(message(producerName, producerType, failures, delivered.size()), producerName, producerType,
                failures.get(0).error().topic(), failures.get(0).error().partition(),
                failures.get(0).error().getCause());
        this.failures = List.copyOf(failures);
        this.delivered = Collections.unmodifiableSortedMap(new TreeMap<>(delivered));
    }

    /** The failed records, in input order. */
    public List<Failure> failures() {
        return failures;
    }

    /** The delivered records: input index to report. */
    public SortedMap<Integer, DeliveryReport> delivered() {
        return delivered;
    }

    @Override
    public boolean isRetriable() {
        return failures.stream().allMatch(f -> f.error().isRetriable());
    }

    private static String message(String producerName, ProducerType producerType, List<Failure> failures,
            int deliveredCount) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("ProducerErrors needs at least one failure");
        }
        StringBuilder message = new StringBuilder(256)
                .append("Kafka producer '").append(producerName).append("' (")
                .append(producerType == null ? "?" : producerType.tagValue()).append("): ")
                .append(failures.size()).append(" of ").append(failures.size() + deliveredCount)
                .append(" records failed");
        for (int i = 0; i < Math.min(FAILURES_IN_MESSAGE, failures.size()); i++) {
            Failure failure = failures.get(i);
            message.append(i == 0 ? ": " : "; ").append('[').append(failure.index()).append("] ")
                    .append(failure.error().getMessage());
        }
        if (failures.size() > FAILURES_IN_MESSAGE) {
            message.append("; and ").append(failures.size() - FAILURES_IN_MESSAGE).append(" more");
        }
        return message.toString();
    }
}
