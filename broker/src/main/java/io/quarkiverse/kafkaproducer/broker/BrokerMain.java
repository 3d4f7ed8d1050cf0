package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.utils.Exit;

/**
 * Entry point of every broker JVM that {@link KafkaCluster} starts; not an API.
 * <p>
 * Arguments: {@code [--shared <registry>] [--format <cluster-id>] <server.properties>}. It halts the JVM as soon as its
 * standard input reaches end-of-file, which happens when the parent JVM closes the pipe or dies, even by
 * {@code SIGKILL}: a broker never outlives the JVM that started it. A shared broker ({@code --shared}, see
 * {@link SharedKafkaBroker}) instead halts when no lease in the registry names a live process. With {@code --format}
 * it formats the log directories first, in the same JVM, which saves the start-up of a second JVM. Then it runs
 * {@code kafka.Kafka}.
 * <p>
 * This class runs on the broker's classpath, next to the Kafka jars: it may use only the JDK and {@code kafka-clients}.
 */
public final class BrokerMain {

    static final String FORMAT_OPTION = "--format";
    static final String SHARED_OPTION = "--shared";

    /** How often a shared broker checks its leases: it stops within that time after its last user. */
    static final Duration LEASE_CHECK_INTERVAL = Duration.ofMillis(500);
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

    /** Exit code when the parent went away: nobody waits for it, but it tells this halt apart when debugging. */
    static final int PARENT_GONE_EXIT_CODE = 130;
    static final int BAD_USAGE_EXIT_CODE = 2;
    /** Exit code of a shared broker that its last user released. */
    static final int UNUSED_EXIT_CODE = 0;

    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length > 2 && SHARED_OPTION.equals(args[0])) {
            haltWhenUnused(new SharedRegistry(Path.of(args[1])));
            args = Arrays.copyOfRange(args, 2, args.length);
        } else {
            haltWhenParentGoes(System.in);
        }
        if (args.length != 1 && !(args.length == 3 && FORMAT_OPTION.equals(args[0]))) {
            System.err.println("Usage: BrokerMain [" + SHARED_OPTION + " <registry>] [" + FORMAT_OPTION
                    + " <cluster-id>] <server.properties>, got " + Arrays.toString(args));
            System.exit(BAD_USAGE_EXIT_CODE);
        }
        String properties = args[args.length - 1];
        if (args.length == 3) {
            format(args[1], properties);
        }
        runMain("kafka.Kafka", properties);
    }

    private static void haltWhenParentGoes(InputStream parentPipe) {
        Thread watchdog = new Thread(() -> {
            byte[] buffer = new byte[64];
            try {
                while (parentPipe.read(buffer) != -1) {
                    // the parent never writes; anything it does is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as end-of-file
            }
            // halt, not exit: shutdown hooks would run Kafka's controlled shutdown, which can wait for peers that are gone
            Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
        }, "kafka-broker-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Halts when no lease names a live process. It unregisters the broker under the registry's lock first, so that a JVM
     * that looks for the broker meanwhile starts a new one rather than join one that is going away.
     */
    private static void haltWhenUnused(SharedRegistry registry) {
        Thread watchdog = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.MILLISECONDS.sleep(LEASE_CHECK_INTERVAL.toMillis());
                    if (!registry.anyLiveLease()) {
                        registry.locked(LOCK_TIMEOUT, () -> {
                            if (!registry.anyLiveLease()) {
                                stopUnused(registry);
                            }
                            return null;
                        });
                    }
                }
            } catch (Throwable e) {
                // a broker that can no longer read its leases could never tell that it is unused: stop rather than leak
                System.out.println("Cannot check the leases on this shared broker, stopping: " + e);
                Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
            }
        }, "kafka-broker-lease-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Unregisters this broker, deletes its data and halts; the lock held by the caller goes with the process. */
    private static void stopUnused(SharedRegistry registry) throws IOException {
        long self = ProcessHandle.current().pid();
        Optional<SharedRegistry.Entry> entry = registry.liveBroker().filter(broker -> broker.pid() == self);
        if (entry.isPresent()) {
            registry.unregister();
        }
        System.out.println("No application uses this shared broker any more: stopping");
        System.out.flush();
        entry.ifPresent(own -> SharedRegistry.deleteTree(own.dataDirectory()));
        Runtime.getRuntime().halt(UNUSED_EXIT_CODE);
    }

    private static void format(String clusterId, String properties) throws Throwable {
        // StorageTool ends with Exit.exit(code), which would end this JVM before the broker starts
        Exit.setExitProcedure((code, message) -> {
            throw new ToolExit(code);
        });
        try {
            runMain("kafka.tools.StorageTool", "format", "--cluster-id", clusterId, "--config", properties);
        } catch (ToolExit exit) {
            if (exit.code != 0) {
                System.err.println("Formatting the log directories failed with exit code " + exit.code);
                System.exit(exit.code);
            }
        } finally {
            // not Exit.resetExitProcedure(): Kafka 4 makes a reset procedure throw, as a guard for its own tests
            Exit.setExitProcedure((code, message) -> System.exit(code));
        }
    }

    private static void runMain(String className, String... args) throws Throwable {
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class ToolExit extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final int code;

        ToolExit(int code) {
            super("exit " + code, null, false, false);
            this.code = code;
        }
    }
}
