package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The temporary directories of clusters. Each holds an owner file naming the JVM that created it, so that a later cluster
 * can delete those whose owner died without closing them, e.g. by {@code SIGKILL}, when no shutdown hook runs.
 */
final class DataDirectories {

    private static final Logger LOG = Logger.getLogger(DataDirectories.class);

    private static final String PREFIX = "kafka-cluster-";
    static final String OWNER_FILE = "owner";

    private DataDirectories() {
    }

    /** Deletes the abandoned directories of earlier clusters, then creates one owned by this JVM. */
    static Path create() throws IOException {
        deleteAbandoned();
        Path directory = Files.createTempDirectory(PREFIX);
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(directory.resolve(OWNER_FILE), self.pid() + " " + startMillis(self));
        return directory;
    }

    /**
     * Makes another process the owner of a directory, e.g. a shared broker that outlives the JVM that created it.
     */
    static void transferOwnership(Path directory, ProcessHandle owner) throws IOException {
        Files.writeString(directory.resolve(OWNER_FILE), owner.pid() + " " + startMillis(owner));
    }

    /**
     * Deletes a directory tree.
     *
     * @param keep a directory inside {@code root} to keep, with its parents, or {@code null}
     */
    static void delete(Path root, Path keep) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(keep) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (keep == null || !file.getFileName().toString().equals(OWNER_FILE)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (keep == null || !keep.startsWith(dir)) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteAbandoned() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path directory : directories) {
                if (isAbandoned(directory)) {
                    LOG.debugf("Deleting %s, left by a JVM that died without closing its Kafka cluster", directory);
                    delete(directory, null);
                }
            }
        } catch (IOException | RuntimeException e) {
            // someone else's directory, or one deleted meanwhile: not this cluster's concern
            LOG.debugf("Cannot delete abandoned Kafka cluster directories in %s: %s", temp, e);
        }
    }

    private static boolean isAbandoned(Path directory) throws IOException {
        Path ownerFile = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(ownerFile)) {
            // being created, or not made by this class
            return false;
        }
        String[] owner = Files.readString(ownerFile).trim().split(" ");
        long pid = Long.parseLong(owner[0]);
        long startMillis = Long.parseLong(owner[1]);
        // the start time tells a live owner from another process that reuses its pid
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || startMillis(process.get()) != startMillis;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
