package io.quarkiverse.kafkaproducer.runtime.settings;

import static org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRY_BACKOFF_MS_CONFIG;

import java.time.Duration;

/**
 * The time settings Kafka constrains together, reconciled so that a user who sets one typed key gets what the key
 * says, and is refused only when two keys they set explicitly contradict each other (the message names both).
 * <ul>
 * <li>{@code delivery-timeout} ({@code delivery.timeout.ms}) bounds a record from the send call to its outcome. A
 * record may spend up to a third of it waiting in the producer for the Kafka client to take it (no metadata for its
 * topic yet, buffer full): the same proportion as Kafka's defaults, {@code max.block.ms} of 60 s beside a
 * {@code delivery.timeout.ms} of 120 s. The client's own {@code delivery.timeout.ms} is set to the other two
 * thirds, so that a record never gets more than {@code delivery-timeout} in all.</li>
 * <li>Kafka requires the client's {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}. When
 * {@code request.timeout.ms} is not set, it is derived: half of what is left of the client's share after
 * {@code linger.ms}, at most Kafka's default of 30 s, so that a request that timed out can still be retried once
 * within the bound. When only {@code request.timeout.ms} is set, the default {@code delivery-timeout} of 120 s is
 * raised to fit it, as Kafka does.</li>
 * <li>Kafka's client uses {@code retry.backoff.max.ms} (1 s by default) instead of a larger {@code retry.backoff.ms},
 * with a warning only. When {@code retry.backoff.max.ms} is not set, it is raised to {@code retry-backoff}, which then
 * applies as a constant pause.</li>
 * </ul>
 */
final class TimeoutRules {

    /** The share of {@code delivery-timeout} a record may wait in the producer's queue: one part in this many. */
    static final int QUEUE_SHARE_DIVISOR = 3;

    private static final long KAFKA_DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    private static final long KAFKA_DEFAULT_RETRY_BACKOFF_MAX_MS = 1_000;

    /**
     * @param deliveryTimeout the whole bound on one record
     * @param queueTimeout the part of it a record may wait in the producer
     */
    record Budget(Duration deliveryTimeout, Duration queueTimeout) {
    }

    private TimeoutRules() {
    }

    /**
     * Sets the client's {@code delivery.timeout.ms} and, when unset, {@code request.timeout.ms} and
     * {@code retry.backoff.max.ms}.
     *
     * @throws IllegalArgumentException two explicit settings contradict each other, or {@code delivery-timeout}
     *         leaves no time for a request
     */
    static Budget apply(KafkaProperties config, String producer) {
        reconcileRetryBackoff(config, producer);
        long linger = config.longValue(LINGER_MS_CONFIG);
        Long explicitRequest = config.isUserSet(REQUEST_TIMEOUT_MS_CONFIG) ? config.longValue(REQUEST_TIMEOUT_MS_CONFIG)
                : null;
        Long explicitTotal = config.longValue(DELIVERY_TIMEOUT_MS_CONFIG);
        long total;
        if (explicitTotal != null) {
            total = explicitTotal;
        } else {
            long request = explicitRequest != null ? explicitRequest : KAFKA_DEFAULT_REQUEST_TIMEOUT_MS;
            total = Math.max(ProducerDefaults.DELIVERY_TIMEOUT.toMillis(), totalFor(linger + request));
        }
        long queue = total / QUEUE_SHARE_DIVISOR;
        long client = total - queue;
        if (explicitRequest == null) {
            long derived = Math.min(KAFKA_DEFAULT_REQUEST_TIMEOUT_MS, (client - linger) / 2);
            if (derived < 1) {
                throw new IllegalArgumentException(producer + ": delivery-timeout (delivery.timeout.ms) = " + total
                        + " ms is too short for linger.ms = " + linger + " ms: the Kafka client gets two thirds of "
                        + "it, " + client + " ms, which must leave time for a request after linger.ms; set "
                        + "delivery-timeout to at least " + wholeSeconds(totalFor(linger + 2)) + " ms");
            }
            config.put(REQUEST_TIMEOUT_MS_CONFIG, (int) derived);
        } else if (linger + explicitRequest > client) {
            throw new IllegalArgumentException(producer + ": delivery-timeout (delivery.timeout.ms) = " + total
                    + " ms and request.timeout.ms = " + explicitRequest + " ms contradict each other: the Kafka "
                    + "client gets two thirds of delivery-timeout, " + client + " ms (the rest bounds the wait in the "
                    + "producer's queue), and Kafka requires at least linger.ms + request.timeout.ms = "
                    + (linger + explicitRequest) + " ms; set delivery-timeout to at least "
                    + wholeSeconds(totalFor(linger + explicitRequest)) + " ms, or lower request.timeout.ms, or remove "
                    + "it");
        }
        config.put(DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, client));
        return new Budget(Duration.ofMillis(total), Duration.ofMillis(queue));
    }

    /** The smallest {@code delivery-timeout} whose client share is at least {@code clientMillis}. */
    static long totalFor(long clientMillis) {
        long total = Math.max(clientMillis, clientMillis * QUEUE_SHARE_DIVISOR / (QUEUE_SHARE_DIVISOR - 1) - 2);
        while (total - total / QUEUE_SHARE_DIVISOR < clientMillis) {
            total++;
        }
        return total;
    }

    /** Rounded up to a whole second, for a suggestion a user would type. */
    private static long wholeSeconds(long millis) {
        return (millis + 999) / 1000 * 1000;
    }

    private static void reconcileRetryBackoff(KafkaProperties config, String producer) {
        Long backoff = config.longValue(RETRY_BACKOFF_MS_CONFIG);
        Long max = config.longValue(RETRY_BACKOFF_MAX_MS_CONFIG);
        if (backoff == null || backoff <= (max == null ? KAFKA_DEFAULT_RETRY_BACKOFF_MAX_MS : max)) {
            return;
        }
        if (max != null) {
            throw new IllegalArgumentException(producer + ": retry-backoff (retry.backoff.ms) = " + backoff
                    + " ms is more than retry.backoff.max.ms = " + max + " ms, which Kafka would use instead; "
                    + "raise retry.backoff.max.ms, or remove it");
        }
        config.put(RETRY_BACKOFF_MAX_MS_CONFIG, backoff);
    }
}
