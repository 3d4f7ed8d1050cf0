package io.quarkiverse.kafkaproducer;

import java.util.Locale;

/**
 * The kinds of producers: {@link SyncProducer} waits for the broker's acknowledgement of each call,
 * {@link AsyncProducer} hands records over and reports failures to the {@link ProducerErrorLogger},
 * {@link ReactiveProducer} answers each record with a lazy {@code Uni} of its outcome, {@link TransactionalProducer}
 * writes records all or nothing.
 */
public enum ProducerType {
    /** Blocking delivery with a {@link DeliveryReport} per record. */
    SYNC,
    /** Non-blocking delivery; failures go to the {@link ProducerErrorLogger}. */
    ASYNC,
    /** Non-blocking delivery with a {@code Uni} of each record's {@link DeliveryReport}. */
    REACTIVE,
    /** Atomic delivery: the records of a transaction are committed together, or none is. */
    TRANSACTIONAL;

    private final String tagValue = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in telemetry tags, config keys and client ids: {@code sync}, {@code async}, ... */
    public String tagValue() {
        return tagValue;
    }
}
