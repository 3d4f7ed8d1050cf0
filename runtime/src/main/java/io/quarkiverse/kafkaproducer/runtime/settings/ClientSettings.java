package io.quarkiverse.kafkaproducer.runtime.settings;

import static org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRIES_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRY_BACKOFF_MS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.TRANSACTION_TIMEOUT_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerType;

/**
 * What one producer's engine runs with, resolved from its {@link ProducerSettings} by {@link #resolve}: the
 * configuration of its Kafka client and the engine's own bounds.
 * <p>
 * Precedence, lowest first: this extension's defaults per producer type ({@link ProducerDefaults}), the global
 * {@code kafka.*} configuration, the typed settings ({@code required-acks}, {@code retry-max}, {@code retry-backoff},
 * {@code delivery-timeout}), the per-producer Kafka properties. A typed setting and a Kafka property that set the same
 * key to different values are refused rather than silently ranked. Keys that Kafka constrains together are reconciled
 * by {@link OrderingRules} and {@link TimeoutRules}.
 * <p>
 * Always forced: byte-array serializers (the producer serializes in the caller's thread) and, except for transactional
 * producers, {@code max.block.ms=0} (the producer never lets the client block the caller). A transactional producer
 * blocks by nature: its clients wait up to a third of {@code delivery-timeout} for metadata, buffer space and the
 * transaction coordinator, unless {@code max.block.ms} is set; they must be idempotent with {@code acks=all}, and get
 * their {@code transactional.id} from the producer (see {@link #TRANSACTIONAL_ID_REFUSED}).
 *
 * @param kafkaConfig the configuration of the Kafka client; may hold credentials, never log it
 * @param clientId its {@code client.id}
 * @param deliveryTimeout the bound on one record from the send call to its outcome ({@code delivery-timeout})
 * @param queueTimeout how long a record may wait in the producer for the client to take it, a share of
 *        {@code deliveryTimeout}; the client's own {@code delivery.timeout.ms} is the rest
 * @param retryBackoff the client's {@code retry.backoff.ms}
 */
public record ClientSettings(Map<String, Object> kafkaConfig, String clientId, Duration deliveryTimeout,
        Duration queueTimeout, Duration retryBackoff) {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    private static final long KAFKA_DEFAULT_RETRY_BACKOFF_MS = 100;

    /** Why {@code transactional.id} is refused for a transactional producer. */
    static final String TRANSACTIONAL_ID_REFUSED = "a transactional producer gives each of its clients a "
            + "transactional.id of its own, transactional-id-prefix followed by the client's index; set "
            + "transactional-id-prefix instead of transactional.id";

    /**
     * @throws IllegalArgumentException a setting is invalid or contradicts another; the message names the keys
     */
    public static ClientSettings resolve(ProducerSettings settings) {
        String producer = describe(settings.name(), settings.type());
        KafkaProperties config = new KafkaProperties(producer);

        boolean transactional = settings.type() == ProducerType.TRANSACTIONAL;
        if (settings.type() == ProducerType.SYNC) {
            config.putDefault(LINGER_MS_CONFIG, ProducerDefaults.SYNC_LINGER_MS);
            config.putDefault(BATCH_SIZE_CONFIG, ProducerDefaults.SYNC_BATCH_SIZE);
        } else {
            // transactional: the commit flushes, so lingering costs a transaction nothing
            config.putDefault(BATCH_SIZE_CONFIG, ProducerDefaults.ASYNC_BATCH_SIZE);
            config.putDefault(LINGER_MS_CONFIG, settings.type() == ProducerType.REACTIVE
                    ? ProducerDefaults.REACTIVE_LINGER_MS
                    : ProducerDefaults.ASYNC_LINGER_MS);
        }
        config.putAll(settings.baseConfig());
        Map<String, Object> typed = typedSettings(settings, producer);
        config.putAll(typed);
        config.putOverrides(settings.kafkaOverrides(), typed);

        if (config.string(BOOTSTRAP_SERVERS_CONFIG) == null || config.string(BOOTSTRAP_SERVERS_CONFIG).isBlank()) {
            throw new IllegalArgumentException(producer + ": bootstrap.servers is not set (kafka.bootstrap.servers)");
        }
        if (config.has(TRANSACTIONAL_ID_CONFIG)) {
            throw new IllegalArgumentException(producer + ": transactional.id is set, but "
                    + (transactional ? TRANSACTIONAL_ID_REFUSED
                            : "this producer does not run transactions; remove transactional.id, or inject a "
                                    + "TransactionalProducer"));
        }
        if (transactional) {
            forceBytesClient(config);
            if (!config.acks().equals("all")) {
                throw new IllegalArgumentException(producer + ": required-acks (acks) is " + config.acks() + ", but "
                        + "transactions need acks=all; remove required-acks or set it to all");
            }
        } else {
            forceNonBlockingBytesClient(config, producer);
        }
        config.put(ACKS_CONFIG, config.acks());
        OrderingRules.apply(config, settings.type(), producer);
        TimeoutRules.Budget budget = TimeoutRules.apply(config, producer);
        if (transactional && !config.isUserSet(MAX_BLOCK_MS_CONFIG)) {
            // the transaction's own waits (metadata, buffer, coordinator) take the share the others wait in the lot
            config.put(MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, budget.queueTimeout().toMillis()));
        }

        String clientId = config.string(CLIENT_ID_CONFIG);
        if (clientId == null || clientId.isBlank()) {
            clientId = defaultClientId(settings);
            config.put(CLIENT_ID_CONFIG, clientId);
        }
        Long backoff = config.longValue(RETRY_BACKOFF_MS_CONFIG);
        return new ClientSettings(Map.copyOf(config.asMap()), clientId, budget.deliveryTimeout(),
                budget.queueTimeout(),
                Duration.ofMillis(backoff == null ? KAFKA_DEFAULT_RETRY_BACKOFF_MS : backoff));
    }

    /** {@code Kafka producer '<name>' (<type>)}, the start of every message about a producer. */
    public static String describe(String name, ProducerType type) {
        return "Kafka producer '" + name + "' (" + type.tagValue() + ")";
    }

    /**
     * {@code <service>-<name>-<type>}, e.g. {@code shop-payments-sync}, or {@code <name>-<type>} without a service
     * name: recognizable in broker logs and quotas, and distinct per producer within one application.
     */
    static String defaultClientId(ProducerSettings settings) {
        String service = settings.serviceName();
        String suffix = settings.name() + "-" + settings.type().tagValue();
        return service == null || service.isBlank() ? suffix : service + "-" + suffix;
    }

    private static Map<String, Object> typedSettings(ProducerSettings settings, String producer) {
        Map<String, Object> typed = new HashMap<>();
        if (settings.requiredAcks() != null) {
            typed.put(ACKS_CONFIG, settings.requiredAcks().kafkaValue());
        }
        if (settings.retryMax() != null) {
            if (settings.retryMax() < 0) {
                throw new IllegalArgumentException(producer + ": retry-max must be 0 or more, but is "
                        + settings.retryMax());
            }
            typed.put(RETRIES_CONFIG, settings.retryMax());
        }
        if (settings.retryBackoff() != null) {
            if (settings.retryBackoff().isNegative()) {
                throw new IllegalArgumentException(producer + ": retry-backoff must not be negative");
            }
            typed.put(RETRY_BACKOFF_MS_CONFIG, millis(settings.retryBackoff(), "retry-backoff", producer));
        }
        if (settings.deliveryTimeout() != null) {
            if (settings.deliveryTimeout().isNegative() || settings.deliveryTimeout().isZero()) {
                throw new IllegalArgumentException(producer + ": delivery-timeout must be positive");
            }
            typed.put(DELIVERY_TIMEOUT_MS_CONFIG, millis(settings.deliveryTimeout(), "delivery-timeout", producer));
        }
        if (settings.transactionTimeout() != null && settings.type() == ProducerType.TRANSACTIONAL) {
            if (settings.transactionTimeout().isNegative() || settings.transactionTimeout().isZero()) {
                throw new IllegalArgumentException(producer + ": transaction-timeout must be positive");
            }
            typed.put(TRANSACTION_TIMEOUT_CONFIG, millis(settings.transactionTimeout(), "transaction-timeout",
                    producer));
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
        forceBytesClient(config);
    }

    private static void forceBytesClient(KafkaProperties config) {
        config.put(KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    }
}
