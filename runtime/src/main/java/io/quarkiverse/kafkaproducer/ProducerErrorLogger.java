package io.quarkiverse.kafkaproducer;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Receives every record a producer failed to deliver, exactly once per record, for both producer types: a
 * {@link SyncProducer} also throws the failure to its caller, and still reports it here, so that this one place sees
 * every lost record whatever the producer type. A record whose outcome is unknown when a sync call gives up waiting
 * (its per-call timeout) is reported here once it does fail. Input refused before anything is sent (a null record, a
 * key or value the serializer rejects) is only thrown, not reported: no delivery was attempted. A broker that cannot
 * be reached shows here as the records that time out ({@code delivery-timeout}); the readiness check, with
 * {@code quarkus-smallrye-health}, reports it even when nothing is sent.
 * <p>
 * A {@link TransactionalProducer} reports each transaction that failed once, whatever the number of its records, with
 * the exception {@code inTransaction} throws; a transaction that the application aborted by throwing is not reported.
 * <p>
 * The default implementation logs through JBoss Logging at ERROR in category {@code io.quarkiverse.kafkaproducer}, at
 * most {@code quarkus.kafka-producer.error-logger.lines-per-second} lines per producer (default 10), and logs the
 * count of the lines it held back once their second is over. An application replaces it with a CDI bean implementing
 * this interface (a plain bean, or an {@code @Alternative} with {@code @Priority}), serves one producer only with a
 * bean qualified {@code @Identifier("<producer name>")}, or passes one to
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

    /**
     * Reports a record that was not delivered, with the record itself as it was serialized: its topic, the partition
     * it asked for (null if none), key, value, headers (the trace headers included) and timestamp. For dead-letter
     * handling: write it to another topic with a second producer, or keep it to send again later.
     * <p>
     * The default calls {@link #logError(ProducerException)}. A producer keeps each record until it settles only when
     * its error logger overrides this method; with any other error logger, records are not kept and this costs
     * nothing. A {@link TransactionalProducer} reports a failed transaction, not a record, and calls
     * {@link #logError(ProducerException)} only.
     * <p>
     * The record holds the key and value: an implementation must not log them.
     *
     * @param error as for {@link #logError(ProducerException)}
     * @param record the failed record; its headers are read-only
     */
    default void logError(ProducerException error, ProducerRecord<byte[], byte[]> record) {
        logError(error);
    }
}
