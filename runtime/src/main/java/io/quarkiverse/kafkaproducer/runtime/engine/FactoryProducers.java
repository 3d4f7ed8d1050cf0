package io.quarkiverse.kafkaproducer.runtime.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;

/**
 * The producers built with {@link io.quarkiverse.kafkaproducer.KafkaProducers}, as the Dev UI sees them: in dev mode,
 * the Dev UI {@link #observe(RecordObserver) installs its observer}, and each producer the factory builds from then on
 * is observed and listed here while it runs. Otherwise nothing is kept, and the factory pays one volatile read per
 * producer. Not an API.
 */
public final class FactoryProducers {

    private static volatile RecordObserver observer;
    private static final Map<String, Object> STARTED = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private FactoryProducers() {
    }

    /** Called by the Dev UI when it starts; null when it stops. */
    public static void observe(RecordObserver devObserver) {
        observer = devObserver;
        if (devObserver == null) {
            STARTED.clear();
        }
    }

    /**
     * Gives a producer the factory is about to start its name for the Dev UI, {@code <type>/factory-<n>}, and the
     * observer; does nothing outside dev mode.
     *
     * @return that name, or null outside dev mode
     */
    public static String prepare(ProducerSettings settings, ProducerType type) {
        RecordObserver current = observer;
        if (current == null) {
            return null;
        }
        String name = type.tagValue() + "/factory-" + COUNT.incrementAndGet();
        settings.observer(current).observedAs(name);
        return name;
    }

    /** @param name what {@link #prepare} returned; null does nothing */
    public static void started(String name, Object engine) {
        if (name != null && observer != null) {
            STARTED.put(name, engine);
        }
    }

    /**
     * @return the factory's producers that run, by name: {@link ProducerEngine}s and
     *         {@link io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine}s
     */
    public static Map<String, Object> running() {
        STARTED.values().removeIf(FactoryProducers::isClosed);
        return new TreeMap<>(STARTED);
    }

    private static boolean isClosed(Object engine) {
        if (engine instanceof ProducerEngine producer) {
            return producer.isClosed();
        }
        return engine instanceof io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine transactional
                && transactional.isClosed();
    }
}
