package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

import org.apache.kafka.common.utils.Exit;

/**
 * Entry point of every broker JVM that {@link KafkaCluster} starts; not an API.
 * <p>
 * Arguments: {@code [--format <cluster-id>] <server.properties>}. It halts the JVM as soon as its standard input reaches
 * end-of-file, which happens when the parent JVM closes the pipe or dies, even by {@code SIGKILL}: a broker never
 * outlives the JVM that started it. With {@code --format} it formats the log directories first, in the same JVM, which
 * saves the start-up of a second JVM. Then it runs {@code kafka.Kafka}.
 * <p>
 * This class runs on the broker's classpath, next to the Kafka jars: it may use only the JDK and {@code kafka-clients}.
 */
public final class BrokerMain {

    static final String FORMAT_OPTION = "--format";

    /** Exit code when the parent went away: nobody waits for it, but it tells this halt apart when debugging. */
    static final int PARENT_GONE_EXIT_CODE = 130;
    static final int BAD_USAGE_EXIT_CODE = 2;

    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        haltWhenParentGoes(System.in);
        if (args.length != 1 && !(args.length == 3 && FORMAT_OPTION.equals(args[0]))) {
            System.err.println("Usage: BrokerMain [" + FORMAT_OPTION + " <cluster-id>] <server.properties>, got "
                    + Arrays.toString(args));
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
