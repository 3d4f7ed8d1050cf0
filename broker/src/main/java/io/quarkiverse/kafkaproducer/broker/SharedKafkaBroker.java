package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * A one-node Kafka cluster that the JVMs of this machine share, found by a service name: the first JVM that asks for it
 * starts it, later ones join it, and it stops when no JVM that joined it is left, whether they {@link #close() released}
 * it or died, even by {@code SIGKILL}.
 * <p>
 * How: each JVM holds a lease, a file named after its process, in the service's registry directory. The broker checks
 * every 500 ms whether a lease names a live process; when none does, it unregisters itself, deletes its data and halts.
 * It runs in a session of its own ({@code setsid}, where available): Ctrl+C in the terminal of the JVM that started it
 * does not reach it. A registry lock serializes the JVMs that start, join and leave.
 * <p>
 * Thread-safe.
 */
public final class SharedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SharedKafkaBroker.class);

    /** On top of the start timeout, for the JVM that holds the lock to finish its start. */
    private static final Duration LOCK_MARGIN = Duration.ofSeconds(30);

    private final SharedRegistry.Entry broker;
    private final Path lease;
    private final boolean startedHere;
    private final AtomicBoolean released = new AtomicBoolean();

    private SharedKafkaBroker(SharedRegistry.Entry broker, Path lease, boolean startedHere) {
        this.broker = broker;
        this.lease = lease;
        this.startedHere = startedHere;
    }

    /**
     * @param serviceName the name the JVMs share the broker by: letters, digits, {@code .}, {@code _} and {@code -}
     * @return the service's registry directory, in the temporary directory and per user
     * @throws IllegalArgumentException if the name is empty or has other characters
     */
    public static Path registryOf(String serviceName) {
        if (serviceName == null || !serviceName.matches("[A-Za-z0-9._-]+") || serviceName.matches("\\.+")) {
            throw new IllegalArgumentException("A shared Kafka broker's service name must be made of letters, digits,"
                    + " '.', '_' and '-', got '" + serviceName + "'");
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "quarkus-kafka-producer-" + user, serviceName);
    }

    /**
     * Joins the broker registered in the registry, or starts one when none runs; blocks while another JVM starts it,
     * and while this one does, up to the builder's start timeout.
     *
     * @param registry the service's registry directory, see {@link #registryOf(String)}
     * @param builder the broker to start when none runs, of one node. A running broker is joined whatever its settings,
     *        as Quarkus' shared Dev Services reuse a container.
     * @return this JVM's lease on the broker; {@link #close()} releases it
     * @throws KafkaClusterException if the broker cannot start, or the registered one runs but does not accept
     *         connections
     * @throws IllegalArgumentException if the builder has more than one node
     */
    public static SharedKafkaBroker acquire(Path registry, KafkaCluster.Builder builder) {
        SharedRegistry shared = new SharedRegistry(registry);
        KafkaCluster cluster = builder.sharedRegistry(shared.directory()).build();
        if (cluster.nodeIds().size() != 1) {
            throw new IllegalArgumentException("A shared Kafka broker has one node, got " + cluster.nodeIds().size());
        }
        try {
            return shared.locked(cluster.settings().startTimeout().plus(LOCK_MARGIN), () -> joinOrStart(shared, cluster));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new KafkaClusterException("Cannot use the shared Kafka broker registered in " + registry + ": "
                    + e.getMessage(), e);
        }
    }

    private static SharedKafkaBroker joinOrStart(SharedRegistry shared, KafkaCluster cluster) throws IOException {
        Optional<SharedRegistry.Entry> running = shared.liveBroker();
        if (running.isPresent()) {
            SharedRegistry.Entry broker = running.get();
            int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
            if (!Ports.accepts(port)) {
                throw new KafkaClusterException("The shared Kafka broker registered in " + shared.directory()
                        + " runs as process " + broker.pid() + " but does not accept connections at "
                        + broker.bootstrapServers() + "; see its log " + broker.logFile() + ", or stop it (kill "
                        + broker.pid() + ")");
            }
            Path lease = shared.addLease();
            LOG.debugf("Joined the shared Kafka broker at %s (process %d)", broker.bootstrapServers(), broker.pid());
            return new SharedKafkaBroker(broker, lease, false);
        }
        // any entry or lease left is of a broker that is gone
        shared.unregister();
        shared.clearLeases();
        // the lease comes first: the broker stops as soon as it finds none
        Path lease = shared.addLease();
        try {
            cluster.start();
            ProcessHandle process = cluster.process(1)
                    .orElseThrow(() -> new KafkaClusterException("The shared Kafka broker exited right after it"
                            + " started; see its log " + cluster.logFile(1)));
            SharedRegistry.Entry broker = new SharedRegistry.Entry(process.pid(), SharedRegistry.startMillis(process),
                    cluster.bootstrapServers(), cluster.logFile(1), cluster.directory());
            shared.register(broker);
            return new SharedKafkaBroker(broker, lease, true);
        } catch (IOException | RuntimeException e) {
            // a broker that started stops by itself once this lease is gone
            Files.deleteIfExists(lease);
            throw e;
        } finally {
            // leaves a started shared broker running
            cluster.close();
        }
    }

    /** @return the broker's {@code host:port}, for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** @return the broker's log file */
    public Path logFile() {
        return broker.logFile();
    }

    /** @return the broker's process id */
    public long pid() {
        return broker.pid();
    }

    /** @return whether this lease's JVM started the broker, rather than joined it */
    public boolean startedHere() {
        return startedHere;
    }

    /**
     * Releases this JVM's lease; the broker stops within a second when it was the last one. Idempotent.
     *
     * @throws UncheckedIOException if the lease cannot be deleted; the broker then stops when this JVM exits
     */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            try {
                Files.deleteIfExists(lease);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot release the lease " + lease + " on the shared Kafka broker; it"
                        + " stops when this JVM exits", e);
            }
        }
    }

    @Override
    public String toString() {
        return "shared Kafka broker at " + broker.bootstrapServers() + " (process " + broker.pid() + ")";
    }
}
