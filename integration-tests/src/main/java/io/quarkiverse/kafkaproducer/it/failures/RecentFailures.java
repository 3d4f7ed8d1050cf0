package io.quarkiverse.kafkaproducer.it.failures;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * The last failures the application's error logger received, as {@code /failures} shows them to the tests of the
 * packaged application. Holds what a {@link ProducerException} tells, which never includes a record's value. A plain
 * singleton without a client proxy: failures reported while the application stops still reach it.
 */
@Singleton
public class RecentFailures {

    private static final int KEPT = 1000;

    private final Deque<Failure> failures = new ArrayDeque<>();

    public synchronized void add(ProducerException error) {
        if (failures.size() == KEPT) {
            failures.removeFirst();
        }
        failures.addLast(new Failure(error.producerName(), error.producerType().tagValue(), error.topic(),
                error.partition(), error.isRetriable(),
                error.getCause() == null ? null : error.getCause().getClass().getName(), error.getMessage()));
    }

    public synchronized List<Failure> forTopic(String topic) {
        return failures.stream().filter(f -> topic.equals(f.topic())).toList();
    }

    public record Failure(String producer, String type, String topic, int partition, boolean retriable, String cause,
            String message) {
    }
}
