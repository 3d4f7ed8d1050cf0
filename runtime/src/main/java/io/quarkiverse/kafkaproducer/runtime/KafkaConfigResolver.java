package io.quarkiverse.kafkaproducer.runtime;

import static org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRIES_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRY_BACKOFF_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerType;

/**
 * Turns a {@link ProducerSpec} into the configuration of its Kafka client, and refuses settings that would break the
 * producer's guarantees with an {@link IllegalArgumentException} naming the keys.
 * <p>
 * Precedence, lowest first: this extension's defaults per producer type ({@link ProducerDefaults}), the global
 * {@code kafka.*} configuration, the typed settings of the spec ({@code required-acks}, {@code retry-max},
 * {@code retry-backoff}, {@code delivery-timeout}), the per-producer Kafka properties. A typed setting and a Kafka
 * property that set the same key to different values are refused rather than silently ranked.
 * <p>
 * Always forced: byte-array serializers (the producer serializes in the caller's thread) and {@code max.block.ms=0}
 * (the producer never lets the client block the caller; see {@link ProducerEngine}).
 */
public final class KafkaConfigResolver {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    private static final int KAFKA_DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    private static final long KAFKA_DEFAULT_RETRY_BACKOFF_MS = 100;

    /**
     * The outcome.
     *
     * @param kafkaConfig the configuration of the Kafka client
     * @param clientId its {@code client.id}
     * @param deliveryTimeout its {@code delivery.timeout.ms}, which also bounds how long a record waits in the producer
     * @param retryBackoff its {@code retry.backoff.ms}
     */
    public record Resolved(Map<String, Object> kafkaConfig, String clientId, Duration deliveryTimeout,
            Duration retryBackoff) {
    }

    private KafkaConfigResolver() {
    }

    /**
     * @throws IllegalArgumentException a setting is invalid or contradicts another; the message names the keys
     */
    public static Resolved resolve(ProducerSpec spec) {
        String producer = "Kafka producer '" + spec.name() + "' (" + spec.type().tagValue() + ")";
        KafkaProperties config = new KafkaProperties(producer);

        if (spec.type() == ProducerType.SYNC) {
            config.put(LINGER_MS_CONFIG, ProducerDefaults.SYNC_LINGER_MS);
            config.put(BATCH_SIZE_CONFIG, ProducerDefaults.SYNC_BATCH_SIZE);
        } else {
            config.put(BATCH_SIZE_CONFIG, ProducerDefaults.ASYNC_BATCH_SIZE);
            config.put(LINGER_MS_CONFIG, ProducerDefaults.ASYNC_LINGER_MS);
        }
        config.putAll(spec.baseConfig());
        Map<String, Object> typed = typedSettings(spec, producer);
        config.putAll(typed);
        config.putOverrides(spec.kafkaOverrides(), typed);

        if (config.string(BOOTSTRAP_SERVERS_CONFIG) == null || config.string(BOOTSTRAP_SERVERS_CONFIG).isBlank()) {
            throw new IllegalArgumentException(producer + ": bootstrap.servers is not set (kafka.bootstrap.servers)");
        }
        if (config.has(TRANSACTIONAL_ID_CONFIG)) {
            throw new IllegalArgumentException(producer + ": transactional.id is set, but transactions are not "
                    + "supported by this producer; remove transactional.id");
        }
        forceNonBlockingBytesClient(config, producer);
        config.put(ACKS_CONFIG, config.acks());
        OrderingRules.apply(config, spec.type(), producer);
        long deliveryTimeoutMs = deliveryTimeout(config, spec, producer);

        String clientId = config.string(CLIENT_ID_CONFIG);
        if (clientId == null || clientId.isBlank()) {
            clientId = defaultClientId(spec);
            config.put(CLIENT_ID_CONFIG, clientId);
        }
        Long backoff = config.longValue(RETRY_BACKOFF_MS_CONFIG);
        return new Resolved(config.asMap(), clientId, Duration.ofMillis(deliveryTimeoutMs),
                Duration.ofMillis(backoff == null ? KAFKA_DEFAULT_RETRY_BACKOFF_MS : backoff));
    }

    /**
     * {@code <service>-<name>-<type>}, e.g. {@code shop-payments-sync}, or {@code <name>-<type>} without a service
     * name: recognizable in broker logs and quotas, and distinct per producer within one application.
     */
    static String defaultClientId(ProducerSpec spec) {
        String service = spec.serviceName();
        String suffix = spec.name() + "-" + spec.type().tagValue();
        return service == null || service.isBlank() ? suffix : service + "-" + suffix;
    }

    private static Map<String, Object> typedSettings(ProducerSpec spec, String producer) {
        Map<String, Object> typed = new HashMap<>();
        if (spec.requiredAcks() != null) {
            typed.put(ACKS_CONFIG, spec.requiredAcks().kafkaValue());
        }
        if (spec.retryMax() != null) {
            if (spec.retryMax() < 0) {
                throw new IllegalArgumentException(producer + ": retry-max must be 0 or more, but is " + spec.retryMax());
            }
            typed.put(RETRIES_CONFIG, spec.retryMax());
        }
        if (spec.retryBackoff() != null) {
            if (spec.retryBackoff().isNegative()) {
                throw new IllegalArgumentException(producer + ": retry-backoff must not be negative");
            }
            typed.put(RETRY_BACKOFF_MS_CONFIG, millis(spec.retryBackoff(), "retry-backoff", producer));
        }
        if (spec.deliveryTimeout() != null) {
            if (spec.deliveryTimeout().isNegative() || spec.deliveryTimeout().isZero()) {
                throw new IllegalArgumentException(producer + ": delivery-timeout must be positive");
            }
            typed.put(DELIVERY_TIMEOUT_MS_CONFIG, millis(spec.deliveryTimeout(), "delivery-timeout", producer));
        }
        return typed;
    }

    /**
     * Milliseconds as an {@code Integer}: Kafka's config parser takes an Integer for both INT and LONG properties, but
     * refuses a Long for INT ones such as {@code delivery.timeout.ms}.
     */
    private static Integer millis(Duration duration, String setting, String producer) {
        long millis = duration.toMillis();
        if (millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(producer + ": " + setting + " must be at most " + Integer.MAX_VALUE
                    + " ms, but is " + millis + " ms");
        }
        return (int) millis;
    }

    private static void forceNonBlockingBytesClient(KafkaProperties config, String producer) {
        Long maxBlock = config.longValue(MAX_BLOCK_MS_CONFIG);
        if (maxBlock != null && maxBlock != 0) {
            LOG.warnf("%s: max.block.ms=%d is ignored: the producer never lets the Kafka client block the caller; "
                    + "records the client cannot take at once wait in the producer, within delivery-timeout",
                    producer, maxBlock);
        }
        config.put(MAX_BLOCK_MS_CONFIG, 0);
        config.put(KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    }

    /**
     * Kafka requires {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}. Like Kafka, an explicit delivery
     * timeout that breaks it is refused, and a default one is raised to fit.
     */
    private static long deliveryTimeout(KafkaProperties config, ProducerSpec spec, String producer) {
        long linger = config.longValue(LINGER_MS_CONFIG);
        Long requestTimeout = config.longValue(REQUEST_TIMEOUT_MS_CONFIG);
        long minimum = linger + (requestTimeout == null ? KAFKA_DEFAULT_REQUEST_TIMEOUT_MS : requestTimeout);
        Long explicit = config.longValue(DELIVERY_TIMEOUT_MS_CONFIG);
        if (explicit == null) {
            long deliveryTimeout = Math.max(ProducerDefaults.DELIVERY_TIMEOUT.toMillis(), minimum);
            config.put(DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryTimeout));
            return deliveryTimeout;
        }
        if (explicit < minimum) {
            throw new IllegalArgumentException(producer + ": delivery.timeout.ms (delivery-timeout) must be at least "
                    + "linger.ms + request.timeout.ms = " + minimum + " ms, but is " + explicit + " ms");
        }
        return explicit;
    }
}
