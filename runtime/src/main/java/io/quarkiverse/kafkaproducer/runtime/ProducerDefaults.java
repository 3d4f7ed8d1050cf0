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
     * Sync batches of 256 KiB, not Kafka's 16 KiB, so that {@code sendMessages} goes out in few requests: a request
     * carries at most one batch per partition, and 500 records of 1 KiB took at least 11 requests on 3 partitions.
     * Measured with the benchmark ({@code sendMessages} of 500 against sarama's {@code SendMessages}, CPU cost of
     * producer and broker): with 1 KiB values 0.58 at 16 KiB, 1.02 at 64 KiB, 1.29 at 256 KiB, 1.25 at 1 MiB; the
     * broker's CPU per record fell from 10.8 to 3.4 µs. One-at-a-time sends are unaffected. Not 1 MiB: each batch being
     * filled takes a whole batch of the client's {@code buffer.memory} (32 MiB), so 256 KiB still leaves room for 128
     * partitions with records under way at once (beyond that, records wait in the producer until memory frees).
     */
    public static final int SYNC_BATCH_SIZE = 256 * 1024;

    /**
     * Async throughput: 1 MiB batches lifted one broker from about 350k to about 820k records/s of 100 bytes against
     * Kafka's 16 KiB. The benchmark's {@code --tune} group found 256 KiB and 512 KiB no better (medians 0.92 and 0.91
     * of 1 MiB's throughput with 100-byte values, within the noise with 1 KiB ones); larger batches than the broker's
     * {@code message.max.bytes} (1 MiB by default) are refused by the broker, so 1 MiB is also the ceiling.
     * <p>
     * Left at Kafka's defaults after measuring: {@code compression.type=none}, since with values that do not compress
     * LZ4 cost 0.72 of the throughput with 1 KiB values and gained nothing with 100-byte ones (applications with
     * compressible payloads and a busy network set it per producer); {@code buffer.memory=32 MiB}, since 64 MiB was not
     * measurably faster. See the documentation's Performance page.
     */
    public static final int ASYNC_BATCH_SIZE = 1024 * 1024;

    /**
     * Async: Kafka 4's own default. The benchmark's {@code --tune} group measured 1, 5 and 20 ms alike within the noise
     * (20 ms: 0.88 of 5 ms's throughput with 100-byte values, 1.10 with 1 KiB ones); 5 ms bounds the latency a record
     * gains waiting for its batch.
     */
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
