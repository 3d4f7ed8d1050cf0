package io.quarkiverse.kafkaproducer.runtime.config;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;

/**
 * The configuration of one reactive producer: the async producers' keys and defaults ({@code overflow-policy=block}
 * excepted: a reactive producer never blocks), and the bound on records in flight per stream.
 */
public interface ReactiveProducerConfig extends AsyncProducerConfig {

    /**
     * How many records of one {@code sendMessages(Multi)} subscription may be sent and not yet reported at once: the
     * stream requests more as earlier records settle and their reports are taken, which bounds its memory.
     */
    @ConfigDocDefault("1024")
    Optional<Integer> maxInFlight();
}
