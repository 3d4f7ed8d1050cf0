package io.quarkiverse.kafkaproducer.runtime.settings;

/**
 * What a producer does with a record the Kafka client cannot take at once (no metadata for the topic yet, buffer
 * full) while its parking queue is full too.
 */
public enum OverflowPolicy {
    /**
     * Fail the record at once: it is reported to the error logger and the telemetry (a sync caller gets the
     * exception). The caller never waits; the default, so that a dead cluster cannot stall an event loop.
     */
    FAIL,
    /** Make the caller wait up to the overflow timeout for room in the queue, then fail the record as {@link #FAIL}. */
    BLOCK
}
