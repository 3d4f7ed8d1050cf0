package io.quarkiverse.kafkaproducer.runtime.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.engine.RecordObserver;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultAsyncProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultReactiveProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultSyncProducer;
import io.quarkiverse.kafkaproducer.runtime.producers.DefaultTransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.settings.ConfiguredSettings;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkiverse.kafkaproducer.runtime.telemetry.NoTelemetry;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;
import io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine;
import io.smallrye.common.annotation.Identifier;

/**
 * Owns the Kafka clients of the injected producers: one engine per producer type and name, shared by every
 * injection point of that name whatever its key and value types, started on first use and closed when the
 * application stops.
 */
@Singleton
public class ProducerRegistry {

    private static final Logger LOG = Logger.getLogger(ProducerRegistry.class);

    private final Map<ProducerKey, ProducerEngine> engines = new ConcurrentHashMap<>();
    private final Map<String, TransactionalEngine> transactionalEngines = new ConcurrentHashMap<>();

    @Inject
    KafkaProducerRuntimeConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    @Any
    Instance<ProducerTelemetry> telemetries;

    @Inject
    @Any
    Instance<ProducerErrorLogger> errorLoggers;

    @Inject
    Instance<ObjectMapper> objectMapper;

    /** Resolvable only in dev mode: the Dev UI's figures and failures. */
    @Inject
    Instance<RecordObserver> observer;

    /** Resolvable only when the application has quarkus-opentelemetry (the tracing processor adds the bean). */
    @Inject
    Instance<SendTracer> tracer;

    /** The Micrometer extension binds the client metrics of every Kafka producer fired as an event. */
    @Inject
    Event<Producer<?, ?>> kafkaClients;

    /**
     * @param name the producer name, {@link KafkaProducerRuntimeConfig#DEFAULT_PRODUCER} for the default one
     * @param keySerializer the key serializer's class name, or {@link SerializerFactory#JSON}
     * @param valueSerializer likewise
     */
    public <K, V> SyncProducer<K, V> syncProducer(String name, String keySerializer, String valueSerializer) {
        ProducerEngine engine = engine(new ProducerKey(ProducerType.SYNC, name));
        SerializerFactory serializers = new SerializerFactory(objectMapper::get);
        // Configured with the producer's own effective properties (its kafka."..." keys included), closed with it.
        return new DefaultSyncProducer<>(engine, serializers.create(keySerializer, true, engine.kafkaConfig()),
                serializers.create(valueSerializer, false, engine.kafkaConfig()), true);
    }

    /** Like {@link #syncProducer(String, String, String)}, for an async producer. */
    public <K, V> AsyncProducer<K, V> asyncProducer(String name, String keySerializer, String valueSerializer) {
        ProducerEngine engine = engine(new ProducerKey(ProducerType.ASYNC, name));
        SerializerFactory serializers = new SerializerFactory(objectMapper::get);
        return new DefaultAsyncProducer<>(engine, serializers.create(keySerializer, true, engine.kafkaConfig()),
                serializers.create(valueSerializer, false, engine.kafkaConfig()), true);
    }

    /** Like {@link #syncProducer(String, String, String)}, for a reactive producer. */
    public <K, V> ReactiveProducer<K, V> reactiveProducer(String name, String keySerializer, String valueSerializer) {
        ProducerEngine engine = engine(new ProducerKey(ProducerType.REACTIVE, name));
        SerializerFactory serializers = new SerializerFactory(objectMapper::get);
        return new DefaultReactiveProducer<>(engine, serializers.create(keySerializer, true, engine.kafkaConfig()),
                serializers.create(valueSerializer, false, engine.kafkaConfig()), true);
    }

    /** Like {@link #syncProducer(String, String, String)}, for a transactional producer. */
    public <K, V> TransactionalProducer<K, V> transactionalProducer(String name, String keySerializer,
            String valueSerializer) {
        TransactionalEngine engine = startedOnce(transactionalEngines, name, this::startTransactional);
        SerializerFactory serializers = new SerializerFactory(objectMapper::get);
        return new DefaultTransactionalProducer<>(engine, serializers.create(keySerializer, true, engine.kafkaConfig()),
                serializers.create(valueSerializer, false, engine.kafkaConfig()), true);
    }

    /** The Kafka clients started so far, by producer; for diagnostics and tests. */
    public Map<String, Producer<byte[], byte[]>> kafkaClients() {
        Map<String, Producer<byte[], byte[]>> clients = new TreeMap<>();
        engines.forEach((key, engine) -> clients.put(key.type().tagValue() + "/" + engine.name(), engine.kafkaProducer()));
        return clients;
    }

    /** The engines started so far, keyed {@code <type>/<name>}, e.g. {@code sync/payments}. */
    public Map<String, ProducerEngine> engines() {
        Map<String, ProducerEngine> started = new TreeMap<>();
        engines.forEach((key, engine) -> started.put(key.type().tagValue() + "/" + engine.name(), engine));
        return started;
    }

    /** The transactional producers' engines, by name. */
    public Map<String, TransactionalEngine> transactionalEngines() {
        Map<String, TransactionalEngine> started = new TreeMap<>();
        transactionalEngines.values().forEach(engine -> started.put(engine.name(), engine));
        return started;
    }

    /**
     * The Kafka configuration of every producer started so far, keyed {@code <type>/<name>}: for the readiness check,
     * which reaches each producer's cluster with its connection settings. Never log or expose it.
     */
    public Map<String, Map<String, Object>> kafkaConfigs() {
        Map<String, Map<String, Object>> configs = new TreeMap<>();
        engines().forEach((key, engine) -> configs.put(key, engine.kafkaConfig()));
        transactionalEngines.values().forEach(engine -> configs.put(
                ProducerType.TRANSACTIONAL.tagValue() + "/" + engine.name(), engine.kafkaConfig()));
        return configs;
    }

    private ProducerEngine engine(ProducerKey key) {
        return startedOnce(engines, key, this::start);
    }

    /**
     * The engine of {@code key}, started on first use. Not {@code computeIfAbsent}: starting one producer may start
     * another, when its error logger injects a producer (dead letters), and a map must not be updated from within its
     * own update.
     */
    private <K, E> E startedOnce(Map<K, E> started, K key, Function<K, E> start) {
        E engine = started.get(key);
        if (engine != null) {
            return engine;
        }
        synchronized (this) {
            engine = started.get(key);
            if (engine == null) {
                engine = start.apply(key);
                started.put(key, engine);
            }
            return engine;
        }
    }

    /** The settings of an injected producer: its configuration, and the beans that serve it. */
    private ProducerSettings settings(ProducerType type, String name) {
        ConfiguredSettings configured = new ConfiguredSettings(config);
        return configured.of(type, name, serviceName(), kafkaConfig)
                .errorLogger(beanFor(errorLoggers, name))
                .telemetry(configured.telemetryEnabled(type, name) ? beanFor(telemetries, name) : NoTelemetry.INSTANCE)
                .tracer(tracer.isResolvable() ? tracer.get() : null)
                .observer(observer.isResolvable() ? observer.get() : null);
    }

    private ProducerEngine start(ProducerKey key) {
        ProducerEngine engine = ProducerEngine.start(settings(key.type(), key.name()));
        kafkaClients.fire(engine.kafkaProducer());
        LOG.debugf("Started Kafka producer '%s' (%s), client id '%s'", engine.name(), key.type(), engine.clientId());
        return engine;
    }

    private TransactionalEngine startTransactional(String name) {
        ProducerSettings settings = settings(ProducerType.TRANSACTIONAL, name);
        if (settings.transactionalIdPrefix() == null) {
            settings.transactionalIdPrefix(applicationName() + "-" + settings.name() + "-");
        }
        TransactionalEngine engine = TransactionalEngine.start(settings, kafkaClients::fire);
        LOG.debugf("Started Kafka producer '%s' (transactional), transactional.id prefix '%s'", engine.name(),
                engine.transactionalIdPrefix());
        return engine;
    }

    private static String applicationName() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .orElse("quarkus-application");
    }

    private String serviceName() {
        return config.serviceName().orElseGet(ProducerRegistry::applicationName);
    }

    /** The bean qualified with the producer's name if there is one, else the default bean. */
    private static <T> T beanFor(Instance<T> beans, String producerName) {
        if (!KafkaProducerRuntimeConfig.DEFAULT_PRODUCER.equals(producerName)) {
            Instance<T> named = beans.select(Identifier.Literal.of(producerName));
            if (named.isResolvable()) {
                return named.get();
            }
        }
        return beans.select(Default.Literal.INSTANCE).get();
    }

    /**
     * Closes the producers while the application's beans are still alive, as SmallRye's Kafka connector does: the
     * records that fail at close reach the application's {@code @ApplicationScoped} error logger and telemetry, which
     * the container destroys right after this event. Late among the observers of the event, so that the application's
     * own observers may still send.
     */
    void closeBeforeApplicationBeans(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(Integer.MAX_VALUE
                    - 1000) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        closeAll();
    }

    /**
     * Closes every producer at once, each within its own close timeout, so that one slow producer does not eat the
     * time of the others. Normally done before the application's beans are destroyed; here as well for a container
     * that never fired that event (closing twice does nothing).
     */
    @PreDestroy
    void closeAll() {
        List<Thread> closing = new ArrayList<>();
        engines.values().forEach(engine -> closing.add(closeInThread(engine.name(), () -> close(engine))));
        transactionalEngines.values()
                .forEach(engine -> closing.add(closeInThread(engine.name(), () -> close(engine))));
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        engines.clear();
        transactionalEngines.clear();
    }

    private static Thread closeInThread(String producerName, Runnable close) {
        Thread thread = new Thread(close, "kafka-producer-close-" + producerName);
        thread.start();
        return thread;
    }

    private void close(TransactionalEngine engine) {
        try {
            engine.close(); // each client's close fires its second event, which unbinds its metrics
        } catch (RuntimeException e) {
            LOG.warnf(e, "Closing Kafka producer '%s' failed", engine.name());
        }
    }

    private void close(ProducerEngine engine) {
        try {
            kafkaClients.fire(engine.kafkaProducer()); // a second event unbinds the client metrics
            engine.close();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Closing Kafka producer '%s' failed", engine.name());
        }
    }
}
