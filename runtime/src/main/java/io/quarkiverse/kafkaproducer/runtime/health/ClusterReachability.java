package io.quarkiverse.kafkaproducer.runtime.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.jboss.logging.Logger;

/**
 * Knows, for each producer, whether it could reach its Kafka cluster when last asked, without ever making a caller
 * wait: a background thread asks each distinct cluster connection (producers with the same connection settings share
 * one) for its brokers with {@code describeCluster}, bounded by a timeout, every interval, and keeps the answers.
 * <p>
 * The question goes through an {@link Admin} client made from the producer's own connection settings (bootstrap
 * servers, security, DNS lookup: the keys an Admin client knows), so that it passes the same authentication. Answers
 * hold only the outcome and an exception class name, never settings, addresses or credentials.
 */
final class ClusterReachability implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    /** Producer settings that an Admin client knows but that must not be copied to the probe. */
    private static final Set<String> NOT_COPIED = Set.of(AdminClientConfig.CLIENT_ID_CONFIG,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            AdminClientConfig.RETRIES_CONFIG, AdminClientConfig.RETRY_BACKOFF_MS_CONFIG,
            AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, AdminClientConfig.METRIC_REPORTER_CLASSES_CONFIG);

    /** The outcome of the last question to a producer's cluster. */
    record Answer(boolean up, String detail) {
        static final Answer NOT_YET = new Answer(false, "not checked yet");
        static final Answer UP = new Answer(true, "UP");

        static Answer down(String why) {
            return new Answer(false, "DOWN: " + why);
        }
    }

    private final Supplier<Map<String, Map<String, Object>>> producers;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    /** Touched by the scheduler thread only. */
    private final Map<Map<String, Object>, Admin> admins = new HashMap<>();
    private final Map<Map<String, Object>, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger adminIds = new AtomicInteger();

    /**
     * @param producers the producers to report, by {@code <type>/<name>}; asked again at every probe and every report,
     *        as producers may start late
     */
    ClusterReachability(Supplier<Map<String, Map<String, Object>>> producers, Duration interval, Duration timeout) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("quarkus.kafka-producer.health.interval and timeout must be positive");
        }
        this.producers = producers;
        this.interval = interval;
        this.timeout = timeout;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-producer-health");
            thread.setDaemon(true);
            thread.setContextClassLoader(loader); // Kafka loads its security plug-ins through it
            return thread;
        });
    }

    /** Starts asking now, then every interval. */
    void start() {
        scheduler.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The last answer for each producer started so far, by {@code <type>/<name>}. Never blocks: a producer whose
     * cluster was not asked yet is {@link Answer#NOT_YET}, and a question is scheduled at once.
     */
    Map<String, Answer> answers() {
        Map<String, Answer> byProducer = new TreeMap<>();
        boolean unknown = false;
        for (Map.Entry<String, Map<String, Object>> producer : producers.get().entrySet()) {
            Answer answer = answers.get(connectionSettings(producer.getValue()));
            unknown |= answer == null;
            byProducer.put(producer.getKey(), answer == null ? Answer.NOT_YET : answer);
        }
        if (unknown) {
            try {
                scheduler.execute(this::probe);
            } catch (RejectedExecutionException closed) {
                // shutting down: the answers stay as they are
            }
        }
        return byProducer;
    }

    private void probe() {
        Set<Map<String, Object>> connections = new LinkedHashSet<>();
        for (Map<String, Object> kafkaConfig : producers.get().values()) {
            connections.add(connectionSettings(kafkaConfig));
        }
        for (Map<String, Object> connection : connections) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            answers.put(connection, ask(connection));
        }
    }

    private Answer ask(Map<String, Object> connection) {
        Admin admin;
        try {
            admin = admins.computeIfAbsent(connection, this::createAdmin);
        } catch (RuntimeException e) {
            return Answer.down("cannot create a client (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))).nodes()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return nodes.isEmpty() ? Answer.down("no brokers") : Answer.UP;
        } catch (ExecutionException e) {
            return Answer.down(e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            return Answer.down("TimeoutException");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.NOT_YET;
        }
    }

    private Admin createAdmin(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-producer-health-" + adminIds.incrementAndGet());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        return Admin.create(config);
    }

    /**
     * The settings of a producer that an Admin client needs to reach the same cluster the same way: those an Admin
     * client knows, and those no Kafka client knows, which plug-ins read, such as Quarkus' {@code tls-configuration-name}
     * for its SSL engine factory.
     */
    static Map<String, Object> connectionSettings(Map<String, Object> producerConfig) {
        Set<String> adminKeys = AdminClientConfig.configNames();
        Set<String> producerKeys = ProducerConfig.configNames();
        Map<String, Object> connection = new HashMap<>();
        producerConfig.forEach((key, value) -> {
            if (value != null && (adminKeys.contains(key) || !producerKeys.contains(key)) && !NOT_COPIED.contains(key)) {
                connection.put(key, value);
            }
        });
        return connection;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                LOG.debug("The Kafka producer readiness probe did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admins.values().forEach(admin -> admin.close(Duration.ofSeconds(1)));
        admins.clear();
    }
}
