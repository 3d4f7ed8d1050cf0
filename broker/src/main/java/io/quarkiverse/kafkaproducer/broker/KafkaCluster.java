package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;
import org.jboss.logging.Logger;

/**
 * A KRaft cluster of real Apache Kafka brokers, each in a JVM process of its own, listening on 127.0.0.1.
 * <p>
 * Every node is a combined broker and controller; the controller quorum is made of all nodes. Node ids are
 * {@code 1..brokers}. Data lives in a temporary directory that {@link #close()} deletes.
 * <p>
 * No broker outlives the JVM that started it: each broker halts when its standard input, a pipe from this JVM, reaches
 * end-of-file, which happens when this JVM exits or is killed, even by {@code SIGKILL}; while a broker is
 * {@link #pause(int) paused} a shell does the same for it. A shutdown hook kills the brokers and deletes the data on a
 * normal exit; the data of a JVM killed by {@code SIGKILL} is deleted by the next cluster that starts.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.builder().brokers(3).build().start()) {
 *     String bootstrapServers = cluster.bootstrapServers();
 *     cluster.kill(2);
 *     cluster.restart(2);
 * }
 * }</pre>
 *
 * Methods are thread-safe: calls that change a node are serialized. Those that start a broker block until it serves
 * clients or the start timeout passes.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaCluster.class);

    private final Settings settings;
    // copy-on-write: the shutdown hook reads it without the lock, which a blocked start() may hold
    private final List<BrokerNode> nodes = new CopyOnWriteArrayList<>();
    private volatile Path directory;
    private List<String> javaCommand;
    private Thread shutdownHook;
    private boolean started;
    private boolean startFailed;
    private boolean closed;

    private KafkaCluster(Settings settings) {
        this.settings = settings;
    }

    /** @return a builder of a one-broker cluster on free ports, to be changed as needed */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves the Kafka jars if needed, formats each node's storage and starts all brokers, then blocks until all of
     * them serve clients. Logs the start-up time at INFO.
     *
     * @return this cluster, started
     * @throws KafkaClusterException if a port is taken, the jars cannot be resolved, a broker exits or the start
     *         timeout passes; no broker process is left running then
     * @throws IllegalStateException if it was started before or is closed
     */
    public synchronized KafkaCluster start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "This Kafka cluster is closed" : "This Kafka cluster is started");
        }
        started = true;
        long begin = System.nanoTime();
        try {
            KafkaDistribution distribution = settings.distribution() != null ? settings.distribution()
                    : KafkaDistribution.matchingClients();
            directory = DataDirectories.create();
            Path logDirectory = Files.createDirectories(
                    settings.logDirectory() != null ? settings.logDirectory() : directory.resolve("logs"));
            createNodes(logDirectory);
            javaCommand = BrokerCommand.create(distribution, settings.heap(), settings.jvmOptions(),
                    directory.resolve("jvm-options"));
            if (settings.sharedRegistry() == null) {
                shutdownHook = new Thread(() -> destroy(false), "kafka-cluster-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }

            String clusterId = Uuid.randomUuid().toString();
            for (BrokerNode node : nodes) {
                launch(node, BrokerMain.FORMAT_OPTION, clusterId, node.propertiesFile().toString());
            }
            if (settings.sharedRegistry() != null) {
                // the data outlive this JVM with the brokers: a later clean-up must not take them while they run
                DataDirectories.transferOwnership(directory, nodes.get(0).process().orElseThrow(
                        () -> new KafkaClusterException("Kafka node 1 exited at once; see " + nodes.get(0).logFile())));
            }
            Readiness.await(nodes, nodes, settings.startTimeout());
            LOG.infof("Kafka %s cluster of %d broker(s) started in %.1f s at %s (logs in %s)", distribution.version(),
                    nodes.size(), (System.nanoTime() - begin) / 1e9, bootstrapServers(), logDirectory);
            return this;
        } catch (IOException e) {
            startFailed = true;
            destroy(true);
            throw new KafkaClusterException("Cannot create the directories of the Kafka cluster: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            startFailed = true;
            destroy(true);
            throw e;
        }
    }

    /**
     * @return the {@code host:port} list of the client listener of every node, running or not, for
     *         {@code bootstrap.servers}
     */
    public synchronized String bootstrapServers() {
        requireStarted();
        return nodes.stream().map(n -> Ports.HOST + ":" + n.clientPort()).collect(Collectors.joining(","));
    }

    /**
     * @param listener the name of a listener added with {@link Builder#listener(String, String)}
     * @return the {@code host:port} list of that listener on every node
     * @throws IllegalArgumentException if there is no such listener
     */
    public synchronized String bootstrapServers(String listener) {
        requireStarted();
        return nodes.stream().map(n -> Ports.HOST + ":" + n.listenerPort(listener)).collect(Collectors.joining(","));
    }

    /** @return the node ids, {@code 1..brokers} */
    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, settings.brokers()).boxed().toList();
    }

    /** @return the port of the node's client listener; it keeps it across restarts */
    public synchronized int port(int nodeId) {
        return node(nodeId).clientPort();
    }

    /** @return the node's log file; kept across restarts, which append to it */
    public synchronized Path logFile(int nodeId) {
        return node(nodeId).logFile();
    }

    /** @return whether the node's process runs (a paused node runs) */
    public synchronized boolean isRunning(int nodeId) {
        return node(nodeId).isAlive();
    }

    Settings settings() {
        return settings;
    }

    /** @return the directory of the data, the logs by default and the JVM options */
    synchronized Path directory() {
        requireStarted();
        return directory;
    }

    /** @return the node's process, while it runs, e.g. to check that it is gone after {@link #close()} */
    public synchronized Optional<ProcessHandle> process(int nodeId) {
        return node(nodeId).process();
    }

    /**
     * Kills the node's process with {@code SIGKILL}, as a crash or power loss would, and waits until it is gone. Its data
     * stays: {@link #restart(int)} brings it back. Does nothing if it is not running.
     */
    public synchronized void kill(int nodeId) {
        node(nodeId).kill();
    }

    /**
     * Stops the node gracefully with {@code SIGTERM} (Kafka's controlled shutdown, which moves leadership away) and
     * waits until its process exits, at most the start timeout, after which it is killed.
     */
    public synchronized void stop(int nodeId) {
        node(nodeId).stop(settings.startTimeout());
    }

    /**
     * Freezes the node with {@code SIGSTOP}: its sockets stay open but it answers nothing, as on a long GC pause.
     *
     * @throws IllegalStateException if the node is not running
     */
    public synchronized void pause(int nodeId) {
        node(nodeId).pause();
    }

    /**
     * Continues a node frozen by {@link #pause(int)} with {@code SIGCONT}.
     *
     * @throws IllegalStateException if the node is not running
     */
    public synchronized void resume(int nodeId) {
        node(nodeId).resume();
    }

    /**
     * Starts the node again on the same ports and data, stopping it gracefully first if it runs, and blocks until the
     * cluster lists it again.
     *
     * @throws KafkaClusterException if it exits or is not back within the start timeout; it is killed then
     */
    public synchronized void restart(int nodeId) {
        BrokerNode node = node(nodeId);
        node.stop(settings.startTimeout());
        long begin = System.nanoTime();
        launch(node, node.propertiesFile().toString());
        try {
            Readiness.await(nodes.stream().filter(BrokerNode::isAlive).toList(), List.of(node), settings.startTimeout());
        } catch (RuntimeException e) {
            node.kill();
            throw e;
        }
        LOG.infof("Kafka node %d restarted in %.1f s", nodeId, (System.nanoTime() - begin) / 1e9);
    }

    /**
     * Starts every node that is not running, all at once, on the same ports and data, and blocks until all of them
     * serve: after a full outage. Nodes restarted one by one with {@link #restart(int)} could not do it, since a
     * controller needs a majority of the nodes to be elected. Does nothing if every node runs.
     *
     * @throws KafkaClusterException if one exits or they are not back within the start timeout; they are killed then
     */
    public synchronized void restartStopped() {
        List<BrokerNode> stopped = nodes.stream().filter(node -> !node.isAlive()).toList();
        if (stopped.isEmpty()) {
            return;
        }
        long begin = System.nanoTime();
        for (BrokerNode node : stopped) {
            launch(node, node.propertiesFile().toString());
        }
        try {
            Readiness.await(nodes.stream().filter(BrokerNode::isAlive).toList(), stopped, settings.startTimeout());
        } catch (RuntimeException e) {
            stopped.forEach(BrokerNode::kill);
            throw e;
        }
        LOG.infof("Kafka node(s) %s restarted in %.1f s", stopped.stream().map(n -> String.valueOf(n.id()))
                .collect(Collectors.joining(", ")), (System.nanoTime() - begin) / 1e9);
    }

    /**
     * Kills every broker with {@code SIGKILL}, waits until their processes are gone and deletes the data directory.
     * Logs stay when they are in a directory chosen with {@link Builder#logDirectory(Path)}, or when the start failed,
     * as its error names them; a later cluster deletes those once this JVM has exited. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (settings.sharedRegistry() != null && !startFailed) {
            // shared brokers stop themselves when their last lease is gone
            return;
        }
        destroy(startFailed);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down and runs the hook anyway
            }
        }
    }

    private void createNodes(Path logDirectory) throws IOException {
        Set<Integer> taken = new HashSet<>();
        for (int id = 1; id <= settings.brokers(); id++) {
            int fixed = settings.ports().isEmpty() ? 0 : settings.ports().get(id - 1);
            if (fixed != 0) {
                Ports.requireFree(fixed, "client listener of Kafka node " + id);
            }
            int clientPort = fixed != 0 ? fixed : freePort(taken);
            taken.add(clientPort);
            int controllerPort = freePort(taken);
            Map<String, Integer> listenerPorts = new LinkedHashMap<>();
            for (String listener : settings.listeners().keySet()) {
                listenerPorts.put(listener, freePort(taken));
            }
            Path nodeDirectory = Files.createDirectories(directory.resolve("node-" + id));
            nodes.add(new BrokerNode(id, clientPort, controllerPort, listenerPorts, nodeDirectory,
                    logDirectory.resolve("broker-" + id + ".log")));
        }
        for (BrokerNode node : nodes) {
            ServerProperties.write(ServerProperties.of(node, nodes, settings), node.propertiesFile());
        }
    }

    private void launch(BrokerNode node, String... arguments) {
        List<String> all = new ArrayList<>();
        if (settings.sharedRegistry() != null) {
            all.addAll(List.of(BrokerMain.SHARED_OPTION, settings.sharedRegistry().toString()));
        }
        all.addAll(List.of(arguments));
        node.launch(javaCommand, all, settings.sharedRegistry() != null);
    }

    /** Free ports are released before the brokers bind them: avoid handing the same one to two listeners. */
    private static int freePort(Set<Integer> taken) {
        int port;
        do {
            port = Ports.freePort();
        } while (!taken.add(port));
        return port;
    }

    /**
     * Kills the brokers and deletes the data directory. Not synchronized: the shutdown hook calls it too.
     *
     * @param keepLogs whether to keep logs in the data directory, after a failed start, as the error names them
     */
    private void destroy(boolean keepLogs) {
        for (BrokerNode node : nodes) {
            node.kill();
        }
        Path directory = this.directory;
        if (directory == null) {
            return;
        }
        try {
            DataDirectories.delete(directory, keepLogs && settings.logDirectory() == null ? directory.resolve("logs") : null);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Cannot delete the Kafka data directory %s: %s", directory, e.getMessage());
        }
    }

    private BrokerNode node(int nodeId) {
        requireStarted();
        if (nodeId < 1 || nodeId > nodes.size()) {
            throw new IllegalArgumentException("No Kafka node " + nodeId + "; node ids are 1 to " + nodes.size());
        }
        return nodes.get(nodeId - 1);
    }

    private void requireStarted() {
        if (!started || nodes.size() != settings.brokers()) {
            throw new IllegalStateException("This Kafka cluster is not started");
        }
    }

    /**
     * Changes the server properties of one node before its first start, e.g. to add per-node TLS key stores or SASL
     * users.
     */
    @FunctionalInterface
    public interface NodeConfigurer {

        /**
         * @param nodeId the node's id, from 1
         * @param serverProperties the node's {@code server.properties}, to change in place; it already holds the
         *        cluster's defaults and {@link Builder#brokerProperty(String, String) broker properties}
         */
        void configure(int nodeId, Map<String, String> serverProperties);
    }

    /** Configures a {@link KafkaCluster}. Not thread-safe; each setter returns this builder. */
    public static final class Builder {

        private int brokers = 1;
        private List<Integer> ports = List.of();
        private int partitions = 1;
        private Integer replicationFactor;
        private int minInsyncReplicas = 1;
        private String heap = "512m";
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, String> listeners = new LinkedHashMap<>();
        private NodeConfigurer nodeConfigurer = (id, properties) -> {
        };
        private Duration startTimeout = Duration.ofSeconds(60);
        private Path logDirectory;
        private KafkaDistribution distribution;
        private Path sharedRegistry;

        private Builder() {
        }

        /** @param brokers the number of nodes, 1 by default */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be at least 1, got " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /**
         * @param ports the client port of each node, in node id order; 0 picks a free port. By default all are free
         *        ports. A taken port fails {@link #start()} with an error that names it.
         */
        public Builder ports(int... ports) {
            for (int port : ports) {
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("Not a port: " + port);
                }
            }
            this.ports = Arrays.stream(ports).boxed().toList();
            return this;
        }

        /** @param partitions {@code num.partitions}, the partitions of auto-created topics; 1 by default */
        public Builder partitions(int partitions) {
            this.partitions = requirePositive(partitions, "partitions");
            return this;
        }

        /**
         * @param replicationFactor {@code default.replication.factor} and that of the internal topics; by default the
         *        number of brokers, at most 3
         */
        public Builder replicationFactor(int replicationFactor) {
            this.replicationFactor = requirePositive(replicationFactor, "replicationFactor");
            return this;
        }

        /** @param minInsyncReplicas {@code min.insync.replicas}, also of the internal topics; 1 by default */
        public Builder minInsyncReplicas(int minInsyncReplicas) {
            this.minInsyncReplicas = requirePositive(minInsyncReplicas, "minInsyncReplicas");
            return this;
        }

        /** @param heap the maximum heap of each broker JVM, as for {@code -Xmx}, e.g. {@code 512m} (the default) */
        public Builder heap(String heap) {
            if (!Objects.requireNonNull(heap, "heap").matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must be a size such as 512m or 1g, got " + heap);
            }
            this.heap = heap;
            return this;
        }

        /**
         * @param option a further option of each broker JVM, after the defaults {@code -XX:+UseSerialGC} (dropped when
         *        the options choose another collector) and {@code -XX:TieredStopAtLevel=1} (C1 only, which starts
         *        fastest), e.g. {@code -XX:TieredStopAtLevel=4} for benchmarks that need the C2 compiler
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** @param key a broker property, set on every node, overriding this launcher's defaults */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a listener on a free port of every node, next to the {@code PLAINTEXT} one that brokers use among
         * themselves; configure it with {@link #brokerProperty(String, String)}, e.g.
         * {@code listener.name.sasl_plaintext.sasl.enabled.mechanisms}, and find its addresses with
         * {@link KafkaCluster#bootstrapServers(String)}.
         *
         * @param name the listener name, e.g. {@code SASL_PLAINTEXT} or {@code EXTERNAL_TLS}
         * @param securityProtocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
         */
        public Builder listener(String name, String securityProtocol) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(securityProtocol, "securityProtocol");
            if (!name.matches("[A-Za-z0-9_]+") || name.equalsIgnoreCase(ServerProperties.CLIENT_LISTENER)
                    || name.equalsIgnoreCase(ServerProperties.CONTROLLER_LISTENER)) {
                throw new IllegalArgumentException("Invalid or reserved listener name: " + name);
            }
            listeners.put(name.toUpperCase(Locale.ROOT), securityProtocol);
            return this;
        }

        /** @param configurer changes each node's server properties; applied last, before the first start */
        public Builder nodeConfigurer(NodeConfigurer configurer) {
            this.nodeConfigurer = Objects.requireNonNull(configurer, "configurer");
            return this;
        }

        /** @param timeout how long {@link #start()} and {@link #restart(int)} wait for brokers; 60 s by default */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * @param directory where to write {@code broker-<id>.log}, created if needed and kept after
         *        {@link KafkaCluster#close()}; by default the logs go to the temporary data directory and are deleted
         *        with it, except after a failed start
         */
        public Builder logDirectory(Path directory) {
            this.logDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /**
         * Makes the brokers outlive this JVM: they run while a lease in the registry names a live process, and stop
         * when none does; {@link KafkaCluster#close()} leaves them running. For {@link SharedKafkaBroker}, which holds
         * the registry's lock meanwhile and writes its own lease before {@link #start()}.
         */
        Builder sharedRegistry(Path registry) {
            this.sharedRegistry = Objects.requireNonNull(registry, "registry").toAbsolutePath();
            return this;
        }

        /** @param distribution the Kafka jars to run; by default {@link KafkaDistribution#matchingClients()} */
        public Builder distribution(KafkaDistribution distribution) {
            this.distribution = Objects.requireNonNull(distribution, "distribution");
            return this;
        }

        /**
         * @return a cluster with these settings, not started yet
         * @throws IllegalArgumentException if the settings contradict each other
         */
        public KafkaCluster build() {
            if (!ports.isEmpty() && ports.size() != brokers) {
                throw new IllegalArgumentException("ports has " + ports.size() + " entries for " + brokers + " brokers");
            }
            int rf = replicationFactor != null ? replicationFactor : Math.min(brokers, 3);
            if (rf > brokers) {
                throw new IllegalArgumentException("replicationFactor " + rf + " exceeds the " + brokers + " brokers");
            }
            if (minInsyncReplicas > rf) {
                throw new IllegalArgumentException(
                        "minInsyncReplicas " + minInsyncReplicas + " exceeds the replication factor " + rf);
            }
            return new KafkaCluster(new Settings(brokers, ports, partitions, rf, minInsyncReplicas, heap,
                    List.copyOf(jvmOptions), ordered(brokerProperties), ordered(listeners), nodeConfigurer,
                    startTimeout, logDirectory, distribution, sharedRegistry));
        }

        private static Map<String, String> ordered(Map<String, String> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }

        private static int requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }

    /** The settings of a cluster, fixed when it is built. */
    record Settings(int brokers, List<Integer> ports, int partitions, int replicationFactor, int minInsyncReplicas,
            String heap, List<String> jvmOptions, Map<String, String> brokerProperties, Map<String, String> listeners,
            NodeConfigurer nodeConfigurer, Duration startTimeout, Path logDirectory, KafkaDistribution distribution,
            Path sharedRegistry) {
    }
}
