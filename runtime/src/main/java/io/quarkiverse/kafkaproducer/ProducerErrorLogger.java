package io.quarkiverse.kafkaproducer;

/**
 * Receives every record a producer failed to deliver, exactly once per record, for both producer types (a
 * {@link SyncProducer} also throws the failure to its caller).
 * <p>
 * The default implementation logs through JBoss Logging at ERROR in category {@code io.quarkiverse.kafkaproducer},
 * rate-limited. An application replaces it with a CDI bean implementing this interface, or passes one to
 * {@link ProducerOptions#withErrorLogger(ProducerErrorLogger)}.
 * <p>
 * Threading: called from the Kafka client's network thread, from the thread that sent the record, or from the
 * producer's parking or closing thread. Implementations must be thread-safe and must not block. An exception thrown
 * by an implementation is caught and logged (rate-limited); it never fails a send.
 */
public interface ProducerErrorLogger {

    /**
     * Reports a record that was not delivered.
     *
     * @param error names the producer, its type, the topic, the partition when known, and has the Kafka exception as
     *        its cause; it never holds the record's key or value
     */
    void logError(ProducerException error);
}
