package io.quarkiverse.kafkaproducer.runtime.settings;

import java.time.Duration;

/**
 * The defaults this extension chooses where Kafka's own do not fit, in one place. Kafka properties set by the
 * application always win over the Kafka-level ones here. The measurements behind them are on the documentation's
 * Performance page.
 */
public final class ProducerDefaults {

    /** A sync producer does not linger: Kafka 4's default of 5 ms makes one-at-a-time sends about 20 times slower. */
    public static final int SYNC_LINGER_MS = 0;

    /**
     * Sync batches of 256 KiB, so that {@code sendMessages} goes out in few requests (a request carries one batch per
     * partition), while each partition being filled takes only 256 KiB of the client's 32 MiB {@code buffer.memory}.
     */
    public static final int SYNC_BATCH_SIZE = 256 * 1024;

    /**
     * Async batches of 1 MiB, the most a broker accepts by default ({@code message.max.bytes}): the largest gain in
     * async throughput over Kafka's 16 KiB.
     */
    public static final int ASYNC_BATCH_SIZE = 1024 * 1024;

    /** Async: Kafka 4's own default, which bounds the latency a record gains waiting for its batch. */
    public static final int ASYNC_LINGER_MS = 5;

    /**
     * Reactive: 1 ms. Its caller waits for each record's report (an endpoint answers with the offset; a stream holds at
     * most {@link #MAX_IN_FLIGHT} records under way), so Kafka's 5 ms would be 5 ms on every answer and would cap a
     * window at {@code max-in-flight} records per 5 ms. Not lingering at all sends a request for every few records under
     * concurrent load, which costs the application and the broker about twice the CPU per record; 1 ms lets concurrent
     * answers share a batch for at most 1 ms more latency. Batches stay as large as async ones.
     */
    public static final int REACTIVE_LINGER_MS = 1;

    /**
     * Records of one topic that may wait in the producer for the Kafka client to take them (no metadata for the topic
     * yet, buffer full): enough to absorb a burst to a topic seen for the first time while its metadata arrives.
     */
    public static final int QUEUE_SIZE = 100_000;

    /**
     * The bytes one topic's waiting records may take (serialized key, value and headers, plus
     * {@link #QUEUE_RECORD_OVERHEAD} each): as much as the Kafka client's own default {@code buffer.memory}.
     */
    public static final long QUEUE_MEMORY = 32L * 1024 * 1024;

    /**
     * All topics together may hold this many times one topic's bound, in records and in bytes: a topic whose records
     * the client keeps refusing (unknown, or its leader away) leaves as much again to the others, while a burst to one
     * new topic still has the whole of {@code queue-size}. A producer whose cluster is away thus holds at most 64 MiB
     * here besides the client's 32 MiB.
     */
    public static final int QUEUE_ALL_TOPICS_FACTOR = 2;

    /** The estimated heap a waiting record takes besides its bytes: its record, delivery and array headers. */
    public static final int QUEUE_RECORD_OVERHEAD = 160;

    /**
     * Reactive: records of one {@code sendMessages(Multi)} subscription sent and not yet reported, at most. Enough to
     * fill the client's batches at full speed (about 1 ms of records at 1 million records/s), small in memory.
     */
    public static final int MAX_IN_FLIGHT = 1024;

    /**
     * Transactional: how many transactions of one producer may run at once, each on a Kafka client of its own. Clients
     * are started when first needed, so an application that runs one transaction at a time has one client.
     */
    public static final int POOL_SIZE = 4;

    /**
     * Transactional: how long a transaction waits for a free client before it fails; as long as Quarkus' datasources
     * wait for a free connection ({@code quarkus.datasource.jdbc.acquisition-timeout}).
     */
    public static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@link OverflowPolicy#BLOCK} waits for room in that queue. */
    public static final Duration OVERFLOW_TIMEOUT = Duration.ofSeconds(1);

    /**
     * How long close gives pending records to be delivered; within Quarkus' usual shutdown budget, and long enough for
     * a healthy cluster to drain the client's buffer.
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Kafka's default {@code delivery.timeout.ms}, here the whole bound on one record, the time it may wait in the
     * producer included (see {@link TimeoutRules}).
     */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * The longest pause between two attempts to hand a waiting record to the client. Attempts cost little (the
     * client answers at once), and metadata for a new topic usually arrives within milliseconds.
     */
    public static final Duration PARKING_MAX_BACKOFF = Duration.ofMillis(20);

    /**
     * How long after the Kafka client reported an authentication failure the records it cannot take for lack of
     * metadata fail with that failure instead of waiting: longer than the client's pause between two attempts to log
     * in ({@code reconnect.backoff.max.ms}, 1 s by default), so that while logging in keeps failing, every record fails
     * at once with the reason.
     */
    public static final Duration AUTHENTICATION_FAILURE_HOLD = Duration.ofSeconds(5);

    private ProducerDefaults() {
    }
}
