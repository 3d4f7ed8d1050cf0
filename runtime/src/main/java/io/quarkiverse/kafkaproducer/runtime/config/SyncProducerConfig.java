package io.quarkiverse.kafkaproducer.runtime.config;

/**
 * The configuration of one sync producer. The sync producer has no keys beyond the common ones.
 */
public interface SyncProducerConfig extends CommonProducerConfig {
}
