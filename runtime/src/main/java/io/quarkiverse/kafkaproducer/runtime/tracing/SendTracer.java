package io.quarkiverse.kafkaproducer.runtime.tracing;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Traces each record a producer sends: one span from the send call until the record settles. The engine knows only
 * this interface, which names no tracing library, so that an application without OpenTelemetry loads none of its
 * classes; {@link OpenTelemetrySendTracer} is the implementation, a bean only when the application has
 * {@code quarkus-opentelemetry}.
 * <p>
 * Implementations are called on the Kafka client's network thread and on callers' threads: they must be thread-safe,
 * must not block, and must not throw.
 */
public interface SendTracer {

    /**
     * Starts the span of one record, on the thread that sends it, and writes the span's context into the record's
     * headers. The engine passes a record whose headers it owns (a copy of the caller's), so they may be changed.
     *
     * @param clientId the producer's Kafka {@code client.id}
     * @return the span, handed back to {@link #end}; never null
     */
    Object start(ProducerRecord<byte[], byte[]> record, String clientId);

    /**
     * Ends the span of a record that settled, exactly once.
     *
     * @param span what {@link #start} returned
     * @param metadata where the broker stored the record; null or without offset when it failed
     * @param error why the record failed; null when it was delivered
     */
    void end(Object span, RecordMetadata metadata, Exception error);

    /**
     * A copy of the record with headers of its own, for {@link #start} to write into: the caller's headers may be
     * read-only (the record was sent before) or shared.
     */
    static ProducerRecord<byte[], byte[]> withOwnHeaders(ProducerRecord<byte[], byte[]> record) {
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                record.value(), new RecordHeaders(record.headers().toArray()));
    }
}
