package io.quarkiverse.kafkaproducer.runtime.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkiverse.kafkaproducer.runtime.settings.OverflowPolicy;
import io.quarkus.runtime.annotations.ConfigDocDefault;

/**
 * The configuration of one async producer: the common keys, and the bound on records waiting to enter the Kafka
 * client.
 */
public interface AsyncProducerConfig extends CommonProducerConfig {

    /**
     * How many records of one topic may wait for the Kafka client to take them (while the client has no metadata for
     * their topic yet, or its buffer is full because the cluster is slow or down). All topics together may hold twice
     * as many, so that a topic the client keeps refusing leaves room for the others. Beyond either bound, or beyond
     * 32 MiB of one topic's waiting records (64 MiB of all), the overflow policy applies.
     */
    @ConfigDocDefault("100000")
    Optional<Integer> queueSize();

    /**
     * What happens to a record when the waiting queue is full: {@code fail} reports it at once to the error logger;
     * {@code block} makes the caller wait up to {@code overflow-timeout} for room, then reports it.
     */
    @ConfigDocDefault("fail")
    Optional<OverflowPolicy> overflowPolicy();

    /**
     * With {@code overflow-policy=block}, how long a caller waits for room in the queue.
     */
    @ConfigDocDefault("1s")
    Optional<Duration> overflowTimeout();
}
