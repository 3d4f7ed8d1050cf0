package io.quarkiverse.kafkaproducer.runtime.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;

/**
 * The configuration of one transactional producer: the keys every producer has ({@code required-acks} must stay
 * {@code all}), and those of its transactions and of its pool of Kafka clients.
 */
public interface TransactionalProducerConfig extends CommonProducerConfig {

    /**
     * The start of the Kafka {@code transactional.id} of each of the producer's clients, which is this prefix followed
     * by the client's index, from {@code 0} to {@code pool-size - 1}. The ids are stable, so that a restarted
     * application fences its earlier instance: that instance can commit nothing more. Each running instance of a
     * scaled-out application needs a prefix of its own, for example {@code ${HOSTNAME}-payments-} in Kubernetes.
     */
    @ConfigDocDefault("<quarkus.application.name>-<producer name>-")
    Optional<String> transactionalIdPrefix();

    /**
     * How many transactions may run at once, each on a Kafka client of its own (Kafka allows one open transaction per
     * {@code transactional.id}). Clients are started when first needed.
     */
    @ConfigDocDefault("4")
    Optional<Integer> poolSize();

    /**
     * How long {@code inTransaction} waits for a free client when {@code pool-size} transactions already run; after
     * that it throws a {@code ProducerException}.
     */
    @ConfigDocDefault("5s")
    Optional<Duration> acquisitionTimeout();

    /**
     * How long a transaction may stay open before the broker aborts it (Kafka's {@code transaction.timeout.ms}); at
     * most the broker's {@code transaction.max.timeout.ms} (15 minutes by default). An open transaction holds back
     * {@code read_committed} consumers of its partitions, also when its application died.
     */
    @ConfigDocDefault("60s")
    Optional<Duration> transactionTimeout();
}
