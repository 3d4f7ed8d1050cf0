package io.quarkiverse.kafkaproducer.runtime.transactions;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One record of an open transaction: its Kafka callback, which keeps the client's answer, and what the telemetry needs
 * once the transaction ended. A record is written when its callback succeeds, but settles only with its transaction.
 */
final class TransactionRecord implements Callback {

    final String topic;
    /** The partition the caller chose, or -1. */
    private final int requestedPartition;
    /** When the send call began; unused unless the telemetry measures. */
    final long startNanos;
    /** Bytes as written: key, value and headers. */
    final int size;
    /** The record's span when the producer traces, else null. */
    final Object span;
    private volatile RecordMetadata metadata;
    private volatile Exception failure;

    TransactionRecord(String topic, Integer requestedPartition, long startNanos, int size, Object span) {
        this.topic = topic;
        this.requestedPartition = requestedPartition == null ? -1 : requestedPartition;
        this.startNanos = startNanos;
        this.size = size;
        this.span = span;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        this.metadata = metadata;
        this.failure = exception;
    }

    /** Why the client or the broker refused the record, or null. */
    Exception failure() {
        return failure;
    }

    /** Where the record was written; null unless the client reported it written. */
    RecordMetadata metadata() {
        return failure == null ? metadata : null;
    }

    /** The partition the record went to, or -1 when it is not known. */
    int partition() {
        RecordMetadata written = metadata;
        return written != null && written.partition() >= 0 ? written.partition() : requestedPartition;
    }
}
