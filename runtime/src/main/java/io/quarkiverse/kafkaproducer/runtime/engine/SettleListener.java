package io.quarkiverse.kafkaproducer.runtime.engine;

/**
 * Told once when a record sent with {@link ProducerEngine#send(org.apache.kafka.clients.producer.ProducerRecord,
 * SettleListener)} settled, after the telemetry and the error logger saw it. Called on the thread that settled the
 * record, usually the Kafka client's network thread: it must be quick and must not block or throw.
 */
@FunctionalInterface
public interface SettleListener {

    void settled(PendingRecord record);
}
