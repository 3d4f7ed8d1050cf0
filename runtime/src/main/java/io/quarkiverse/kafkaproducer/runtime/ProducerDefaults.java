package io.quarkiverse.kafkaproducer.runtime;

import java.time.Duration;

/**
 * The defaults this extension chooses where Kafka's own do not fit, in one place. Kafka properties set by the user
 * always win over the Kafka-level ones here.
 */
public final class ProducerDefaults {

    /**
     * A sync producer does not linger: Kafka 4's default {@code linger.ms=5} makes one-at-a-time sends about 20 times
     * slower (measured: 170/s against 3,500/s on one broker). Concurrent callers still share requests, since records
     * pile up in the client while a request is in flight.
     */
    public static final int SYNC_LINGER_MS = 0;

    /**
     * Async throughput: 1 MiB batches lifted one broker from about 350k to about 820k records/s of 100 bytes against
     * the default 16 KiB. Provisional; the benchmark issue tunes these.
     */
    public static final int ASYNC_BATCH_SIZE = 1024 * 1024;

    /** Async: Kafka 4's default linger, kept until the benchmark issue measures better. */
    public static final int ASYNC_LINGER_MS = 5;

    /**
     * Records that may wait in the producer for the Kafka client to take them (no metadata for the topic yet, buffer
     * full). A caller in a tight loop hands records over far faster than the metadata of a topic seen for the first
     * time arrives: measured on one local broker, 10,000 filled within the first milliseconds of a burst of 100,000
     * and 28,000 records were refused (reported, not lost silently). 100,000 absorbs such a burst; memory is bounded
     * by {@link #QUEUE_MEMORY} as well.
     */
    public static final int QUEUE_SIZE = 100_000;

    /**
     * The bytes waiting records may take (serialized key, value and headers, plus {@link #QUEUE_RECORD_OVERHEAD} each):
     * as much as the Kafka client's own default {@code buffer.memory}, so that a producer whose cluster is away holds
     * at most twice that.
     */
    public static final long QUEUE_MEMORY = 32L * 1024 * 1024;

    /** The estimated heap a waiting record takes besides its bytes: its record, delivery and array headers. */
    public static final int QUEUE_RECORD_OVERHEAD = 160;

    /** How long {@link OverflowPolicy#BLOCK} waits for room in that queue. */
    public static final Duration OVERFLOW_TIMEOUT = Duration.ofSeconds(1);

    /**
     * How long close gives pending records to be delivered; within Quarkus' usual shutdown budget, and long enough for
     * a healthy cluster to drain the client's buffer.
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Kafka's default {@code delivery.timeout.ms}, when neither the spec nor the Kafka properties set it. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * What a sync call waits beyond {@code delivery-timeout}, so that the Kafka client's own timeout, which names the
     * precise cause, normally fires first.
     */
    public static final Duration SYNC_WAIT_MARGIN = Duration.ofSeconds(5);

    /**
     * The longest pause between two attempts to hand a parked record to the client. Attempts cost nothing (the
     * client answers at once), and metadata for a new topic usually arrives within milliseconds.
     */
    public static final Duration PARKING_MAX_BACKOFF = Duration.ofMillis(20);

    private ProducerDefaults() {
    }
}
