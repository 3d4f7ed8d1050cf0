package io.quarkiverse.kafkaproducer.runtime.engine;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * The last stage of every record: settles it exactly once, whichever stage got there first, as delivered or failed.
 * It ends the record's span, builds the {@link ProducerException} of a failure, hands both to the {@link Reporter}, and
 * then tells whoever waits.
 */
final class Settler {

    private final String name;
    private final ProducerType type;
    private final Reporter reporter;
    private final SendTracer tracer;

    Settler(String name, ProducerType type, Reporter reporter, SendTracer tracer) {
        this.name = name;
        this.type = type;
        this.reporter = reporter;
        this.tracer = tracer;
    }

    /** Whether records are kept until they settle, for an error logger that takes failed records. */
    boolean keepsRecords() {
        return reporter.wantsRecords();
    }

    /** Whether records need their start time: the telemetry measures their latency. */
    boolean measures() {
        return reporter.measures();
    }

    /** The client's answer: from the record's callback, or given inside {@code send}. */
    void completed(Delivery delivery, RecordMetadata metadata, Exception exception) {
        // Every Kafka callback carries the record's topic and partition (the one chosen, or -1) in its metadata.
        settle(delivery, metadata.topic(), metadata.partition(), exception == null ? metadata : null, exception);
    }

    /**
     * The client's refusal inside {@code send}: its metadata names the partition the client chose, when it chose one
     * before refusing.
     */
    void answered(Delivery delivery, ProducerRecord<byte[], byte[]> record, RecordMetadata metadata,
            Exception exception) {
        if (exception == null && metadata != null) {
            completed(delivery, metadata, null); // a client that completes records inside send (MockProducer)
            return;
        }
        int requested = record.partition() == null ? -1 : record.partition();
        settle(delivery, record.topic(), metadata != null && metadata.partition() >= 0 ? metadata.partition()
                : requested, null, exception);
    }

    /** A record that did not enter the client, or whose client threw: failed with {@code cause}. */
    void fail(Delivery delivery, ProducerRecord<byte[], byte[]> record, Exception cause) {
        if (reporter.wantsRecords()) {
            delivery.extras().record = record; // usually kept already; a record refused at once may not be
        }
        settle(delivery, record.topic(), record.partition() == null ? -1 : record.partition(), null, cause);
    }

    /**
     * A record taken back before it entered the client: claimed, so that nothing settles it later, its span ended as
     * cancelled; neither measured nor reported, since it was never sent.
     */
    void withdrawn(Delivery delivery) {
        if (!delivery.claim()) {
            return;
        }
        Object span = delivery.span();
        if (span != null) {
            tracer.end(span, null, new java.util.concurrent.CancellationException(
                    "The subscription was cancelled before the record was sent"));
        }
    }

    private void settle(Delivery delivery, String topic, int partition, RecordMetadata metadata, Exception exception) {
        if (!delivery.claim()) {
            return;
        }
        if (exception == null && metadata == null) {
            // No client does this; a waiting caller must still learn something, and never wait for ever.
            exception = new KafkaException("The Kafka client reported the record delivered without saying where");
        }
        Object span = delivery.span();
        if (span != null) {
            tracer.end(span, metadata, exception);
        }
        int knownPartition = partition >= 0 ? partition : -1;
        ProducerException error = exception == null ? null : failure(topic, knownPartition, exception);
        ProducerRecord<byte[], byte[]> failed = null;
        if (reporter.wantsRecords()) {
            Delivery.Extras extras = delivery.extrasOrNull();
            if (extras != null) {
                failed = error != null ? extras.record : null;
                extras.record = null; // settled: the record is not needed any more
            }
        }
        reporter.report(topic, knownPartition, delivery.startNanos, delivery.size, error, failed);
        delivery.complete(metadata, error);
    }

    /**
     * The error of a failed record. A cluster authorization failure is explained: Kafka's own message does not say
     * which permission the idempotent producer lacks, nor that the client stays in its error state.
     */
    private ProducerException failure(String topic, int partition, Exception exception) {
        Throwable clusterAuthorization = exception instanceof ClusterAuthorizationException ? exception
                : exception.getCause() instanceof ClusterAuthorizationException ? exception.getCause() : null;
        if (clusterAuthorization == null) {
            return new ProducerException(null, name, type, topic, partition, exception, false);
        }
        String reason = exception.getMessage()
                + (clusterAuthorization == exception ? "" : " (" + clusterAuthorization.getMessage() + ")");
        return new ProducerException(ProducerException.describe(name, type, topic, partition) + ": "
                + (reason.endsWith(".") ? reason : reason + ".")
                + " The cluster refused this producer the right to write idempotently (enable.idempotence, on by "
                + "default): grant its principal WRITE on the topic (Kafka 2.8 and later) or IDEMPOTENT_WRITE on the "
                + "cluster (older brokers). The Kafka client stays failed until the producer is created again (for an "
                + "injected producer, until the application restarts).", name, type, topic, partition, exception, false);
    }
}
