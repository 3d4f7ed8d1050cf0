package io.quarkiverse.kafkaproducer;

import java.time.Duration;

/**
 * Receives the latency and size of every record a producer writes, success or failure, exactly once each.
 * <p>
 * The default implementation records Micrometer meters ({@code kafka.producer.write.latency} and
 * {@code kafka.producer.write.size}; settings under {@code quarkus.kafka-producer.telemetry.*}). An application
 * replaces it with a CDI bean implementing this interface (a plain bean, or an {@code @Alternative} with
 * {@code @Priority}), serves one producer only with a bean qualified {@code @Identifier("<producer name>")}, turns it
 * off for a producer with {@code telemetry-enabled=false}, or passes one to
 * {@link ProducerOptions#withTelemetry(ProducerTelemetry)}.
 * <p>
 * Threading: the methods are called from the Kafka client's network thread (most records), from the thread that
 * sent the record (records refused at once by the client) or from the producer's parking thread. Implementations
 * must be thread-safe and fast, and must not block: they run on the path that completes every record. An exception
 * thrown by an implementation is caught and logged (rate-limited); it never fails a send.
 */
public interface ProducerTelemetry {

    /**
     * Called once per record when the broker answered, or when the record failed without an answer; for a
     * {@link TransactionalProducer}, when the record's transaction ended, with {@code success} true only if it
     * committed.
     *
     * @param serviceName the service name of the producer ({@code quarkus.kafka-producer.service-name})
     * @param duration the time from the send call to the broker's answer (or to the failure)
     * @param topic the record's topic
     * @param partition the partition, or -1 when it is not known (the record failed before a partition was chosen)
     * @param type the producer's type
     * @param clientId the Kafka {@code client.id} of the producer
     * @param success whether the record was delivered
     */
    void collectWriteLatency(String serviceName, Duration duration, String topic, int partition, ProducerType type,
            String clientId, boolean success);

    /**
     * Called once per record, right after {@link #collectWriteLatency}, with the same arguments.
     *
     * @param size the record's size in bytes as written: key, value, header keys (UTF-8) and header values,
     *        including the trace headers the producer adds when the application has OpenTelemetry
     */
    void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
            String clientId, boolean success);
}
