package io.quarkiverse.kafkaproducer;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import io.quarkiverse.kafkaproducer.runtime.engine.FactoryProducers;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultAsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultReactiveProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultSyncProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultTransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine;

/**
 * Creates producers outside CDI, the counterpart of the Go package's
 * {@code NewSyncProducer(ctx, service, brokers, opts...)}.
 * <p>
 * Without options, a producer made here behaves like the injected producer of its type: the same defaults, telemetry
 * to Micrometer's global registry, failures to the rate-limited logging error logger. Each producer owns one Kafka
 * client; its owner must {@code close()} it.
 * <p>
 * The methods do not contact the brokers and do not block: the Kafka client connects in the background, and records
 * sent before it is connected wait in the producer (see {@link AsyncProducer}).
 */
public final class KafkaProducers {

    /** The name of a producer made without {@link ProducerOptions#withName(String)}. */
    public static final String DEFAULT_NAME = "default";

    private KafkaProducers() {
    }

    /**
     * A sync producer of raw bytes.
     *
     * @param serviceName the service name in telemetry and in the Kafka client id
     * @param brokers comma-separated {@code host:port} list ({@code bootstrap.servers})
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static SyncProducer<byte[], byte[]> newSyncProducer(String serviceName, String brokers,
            ProducerOption... options) {
        return newSyncProducer(serviceName, brokers, new ByteArraySerializer(), new ByteArraySerializer(), options);
    }

    /**
     * A sync producer with the given serializers. Closing the producer closes the serializers.
     *
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static <K, V> SyncProducer<K, V> newSyncProducer(String serviceName, String brokers,
            Serializer<K> keySerializer, Serializer<V> valueSerializer, ProducerOption... options) {
        ProducerEngine engine = start(ProducerType.SYNC, serviceName, brokers, options);
        return new DefaultSyncProducer<>(engine, Objects.requireNonNull(keySerializer, "keySerializer"),
                Objects.requireNonNull(valueSerializer, "valueSerializer"), false);
    }

    /**
     * An async producer of raw bytes.
     *
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static AsyncProducer<byte[], byte[]> newAsyncProducer(String serviceName, String brokers,
            ProducerOption... options) {
        return newAsyncProducer(serviceName, brokers, new ByteArraySerializer(), new ByteArraySerializer(), options);
    }

    /**
     * An async producer with the given serializers. Closing the producer closes the serializers.
     *
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static <K, V> AsyncProducer<K, V> newAsyncProducer(String serviceName, String brokers,
            Serializer<K> keySerializer, Serializer<V> valueSerializer, ProducerOption... options) {
        ProducerEngine engine = start(ProducerType.ASYNC, serviceName, brokers, options);
        return new DefaultAsyncProducer<>(engine, Objects.requireNonNull(keySerializer, "keySerializer"),
                Objects.requireNonNull(valueSerializer, "valueSerializer"), false);
    }

    /**
     * A reactive producer of raw bytes.
     *
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static ReactiveProducer<byte[], byte[]> newReactiveProducer(String serviceName, String brokers,
            ProducerOption... options) {
        return newReactiveProducer(serviceName, brokers, new ByteArraySerializer(), new ByteArraySerializer(), options);
    }

    /**
     * A reactive producer with the given serializers. Closing the producer closes the serializers.
     *
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static <K, V> ReactiveProducer<K, V> newReactiveProducer(String serviceName, String brokers,
            Serializer<K> keySerializer, Serializer<V> valueSerializer, ProducerOption... options) {
        ProducerEngine engine = start(ProducerType.REACTIVE, serviceName, brokers, options);
        return new DefaultReactiveProducer<>(engine, Objects.requireNonNull(keySerializer, "keySerializer"),
                Objects.requireNonNull(valueSerializer, "valueSerializer"), false);
    }

    /**
     * A transactional producer with the given serializers. Closing the producer closes the serializers. Starts no
     * Kafka client yet: its first transaction does.
     *
     * @param transactionalIdPrefix the start of each client's {@code transactional.id}, followed by its index (see
     *        {@link TransactionalProducer}); stable across restarts, and distinct for each running instance
     * @throws IllegalArgumentException an option or Kafka property is invalid (the message names the keys)
     */
    public static <K, V> TransactionalProducer<K, V> newTransactionalProducer(String serviceName, String brokers,
            String transactionalIdPrefix, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            ProducerOption... options) {
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        ProducerSettings settings = settings(ProducerType.TRANSACTIONAL, serviceName, brokers, options)
                .transactionalIdPrefix(transactionalIdPrefix);
        String devName = FactoryProducers.prepare(settings, ProducerType.TRANSACTIONAL);
        TransactionalEngine engine = TransactionalEngine.start(settings, client -> {
        });
        FactoryProducers.started(devName, engine);
        return new DefaultTransactionalProducer<>(engine, Objects.requireNonNull(keySerializer, "keySerializer"),
                Objects.requireNonNull(valueSerializer, "valueSerializer"), false);
    }

    private static ProducerEngine start(ProducerType type, String serviceName, String brokers,
            ProducerOption... options) {
        ProducerSettings settings = settings(type, serviceName, brokers, options);
        // in dev mode, the Dev UI lists and observes it
        String devName = FactoryProducers.prepare(settings, type);
        ProducerEngine engine = ProducerEngine.start(settings);
        FactoryProducers.started(devName, engine);
        return engine;
    }

    private static ProducerSettings settings(ProducerType type, String serviceName, String brokers,
            ProducerOption... options) {
        Objects.requireNonNull(brokers, "brokers");
        ProducerSettings settings = new ProducerSettings(DEFAULT_NAME, type)
                .serviceName(serviceName)
                .baseConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        // Telemetry and error logger left unset take the engine's defaults: the global registry and logging.
        for (ProducerOption option : options) {
            Objects.requireNonNull(option, "option").applyTo(settings);
        }
        return settings;
    }
}
