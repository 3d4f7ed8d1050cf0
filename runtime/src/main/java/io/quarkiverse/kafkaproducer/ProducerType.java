package io.quarkiverse.kafkaproducer;

/**
 * The two kinds of producers: {@link SyncProducer} waits for the broker's acknowledgement of each call,
 * {@link AsyncProducer} hands records over and reports failures to the {@link ProducerErrorLogger}.
 */
public enum ProducerType {
    /** Blocking delivery with a {@link DeliveryReport} per record. */
    SYNC,
    /** Non-blocking delivery; failures go to the {@link ProducerErrorLogger}. */
    ASYNC;

    /** The lower-case name used in telemetry tags and client ids: {@code sync} or {@code async}. */
    public String tagValue() {
        return this == SYNC ? "sync" : "async";
    }
}
