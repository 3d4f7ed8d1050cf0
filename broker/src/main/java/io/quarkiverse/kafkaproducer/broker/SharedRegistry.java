package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The files through which the JVMs of one machine share a broker: a lock, the broker's entry (its process and address)
 * and one lease per JVM that uses it. The broker runs while a lease names a live process; see {@link SharedKafkaBroker}.
 * <p>
 * JDK only: {@link BrokerMain} uses it on the broker's classpath, which has no logging library.
 */
final class SharedRegistry {

    static final String LOCK_FILE = "lock";
    static final String BROKER_FILE = "broker.properties";
    static final String LEASES_DIRECTORY = "leases";

    private static final String PID = "pid";
    private static final String START_MILLIS = "start-millis";
    private static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    private static final String LOG_FILE = "log-file";
    private static final String DATA_DIRECTORY = "data-directory";

    /** Tells apart the leases of one JVM, which may hold several. */
    private static final AtomicLong LEASE_SEQUENCE = new AtomicLong();

    private final Path directory;

    SharedRegistry(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    Path directory() {
        return directory;
    }

    /**
     * Runs the action while holding the registry's lock, a file lock that serializes the JVMs of this machine; the
     * monitor on this class serializes the threads of this JVM, which a file lock does not.
     *
     * @throws IllegalStateException if the lock is not free within the timeout
     */
    <T> T locked(Duration timeout, Callable<T> action) throws Exception {
        synchronized (SharedRegistry.class) {
            Files.createDirectories(directory.resolve(LEASES_DIRECTORY));
            try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                long deadline = System.nanoTime() + timeout.toNanos();
                FileLock lock;
                while ((lock = channel.tryLock()) == null) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("The lock " + directory.resolve(LOCK_FILE) + " of the shared"
                                + " Kafka broker was not free within " + timeout + "; another JVM holds it");
                    }
                    // another JVM starts the broker, which takes seconds: no need to ask more often
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                try {
                    return action.call();
                } finally {
                    lock.release();
                }
            }
        }
    }

    /** @return a lease for this JVM; the broker runs at least as long as this JVM holds it */
    Path addLease() {
        ProcessHandle self = ProcessHandle.current();
        Path lease = directory.resolve(LEASES_DIRECTORY)
                .resolve(self.pid() + "-" + startMillis(self) + "-" + LEASE_SEQUENCE.incrementAndGet());
        try {
            Files.createDirectories(lease.getParent());
            Files.createFile(lease);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the lease " + lease + " on the shared Kafka broker", e);
        }
        return lease;
    }

    /** Deletes the leases of processes that are gone, e.g. killed by {@code SIGKILL}. */
    boolean anyLiveLease() {
        boolean live = false;
        try (DirectoryStream<Path> leases = Files.newDirectoryStream(directory.resolve(LEASES_DIRECTORY))) {
            for (Path lease : leases) {
                if (isLive(lease.getFileName().toString())) {
                    live = true;
                } else {
                    Files.deleteIfExists(lease);
                }
            }
        } catch (NoSuchFileException e) {
            // deleted, e.g. by a cleaner of temporary files: no lease at all
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the leases on the shared Kafka broker in " + directory, e);
        }
        return live;
    }

    /** Deletes every lease: they were taken on a broker that is gone. */
    void clearLeases() throws IOException {
        try (DirectoryStream<Path> leases = Files.newDirectoryStream(directory.resolve(LEASES_DIRECTORY))) {
            for (Path lease : leases) {
                Files.deleteIfExists(lease);
            }
        }
    }

    /** @return the registered broker, if its process still runs */
    Optional<Entry> liveBroker() throws IOException {
        Path file = directory.resolve(BROKER_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Entry entry;
        try {
            entry = new Entry(Long.parseLong(properties.getProperty(PID)),
                    Long.parseLong(properties.getProperty(START_MILLIS)), properties.getProperty(BOOTSTRAP_SERVERS),
                    Path.of(properties.getProperty(LOG_FILE)), Path.of(properties.getProperty(DATA_DIRECTORY)));
        } catch (RuntimeException e) {
            // half-written by a JVM that died meanwhile: nobody can use it
            return Optional.empty();
        }
        return isAlive(entry.pid(), entry.startMillis()) ? Optional.of(entry) : Optional.empty();
    }

    void register(Entry entry) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(PID, String.valueOf(entry.pid()));
        properties.setProperty(START_MILLIS, String.valueOf(entry.startMillis()));
        properties.setProperty(BOOTSTRAP_SERVERS, entry.bootstrapServers());
        properties.setProperty(LOG_FILE, entry.logFile().toString());
        properties.setProperty(DATA_DIRECTORY, entry.dataDirectory().toString());
        // written aside and moved: a reader sees the whole entry or none
        Path temporary = directory.resolve(BROKER_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "The shared Kafka broker of quarkus-kafka-producer's Dev Services");
        }
        Files.move(temporary, directory.resolve(BROKER_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    void unregister() throws IOException {
        Files.deleteIfExists(directory.resolve(BROKER_FILE));
    }

    /**
     * Deletes a broker's data directory as far as it can. Its owner file goes last: while anything is left, that file
     * lets a later cluster delete the rest as abandoned (see {@link DataDirectories}).
     */
    static void deleteTree(Path root) {
        Path owner = root.resolve(DataDirectories.OWNER_FILE);
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(path -> !path.equals(owner) && !path.equals(root))
                    .sorted(Comparator.reverseOrder())
                    .forEach(SharedRegistry::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // gone already, or unreadable: a later cluster deletes what is left
        }
        deleteQuietly(owner);
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // e.g. a file the broker writes right now: a later cluster deletes it
        }
    }

    static boolean isAlive(long pid, long startMillis) {
        // the start time tells the process apart from a later one that reuses its pid
        return ProcessHandle.of(pid).map(process -> startMillis(process) == startMillis).orElse(false);
    }

    static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static boolean isLive(String leaseName) {
        String[] parts = leaseName.split("-");
        try {
            return parts.length == 3 && isAlive(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The registered broker: its process, address, log and data. */
    record Entry(long pid, long startMillis, String bootstrapServers, Path logFile, Path dataDirectory) {
    }
}
