package io.quarkiverse.kafkaproducer.runtime.engine;

import io.quarkiverse.kafkaproducer.ProducerException;

/**
 * Sees every record that a producer settles, beside its telemetry and error logger: the source of the Dev UI's live
 * figures and recent failures. Not an API. The Dev UI adds the only bean, in dev mode only; without it, producers pay
 * one null check per record.
 * <p>
 * Called on the Kafka client's network thread: implementations must be quick and must not block.
 */
public interface RecordObserver {

    /**
     * @param producer {@code <type>/<name>}, e.g. {@code sync/payments}
     * @param latencyNanos from the send call to the broker's answer
     * @param size the serialized size, as the write-size meter counts it
     */
    void settled(String producer, String topic, int partition, long latencyNanos, int size, boolean success);

    /** A failure handed to the producer's error logger. */
    void failed(String producer, ProducerException error);
}
