package io.quarkiverse.kafkaproducer.it.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Writes every warning of Vert.x's blocked-thread checker, from any Quarkus application the test JVM starts, to the
 * file named by the system property {@value #FILE_PROPERTY} (set for the Quarkus tests only); {@link BlockedEventLoopIT}
 * reads it once they ran. A handler of its own on the {@code io.vertx} and {@code io.quarkus.vertx} categories, which
 * the applications' logging configuration leaves alone, survives the restarts between test profiles, where a log file
 * of the application would be started afresh.
 * <p>
 * While the system property {@value #CONTROL_PROPERTY} is set, warnings are written as expected ones: the control test
 * blocks an event loop on purpose, to show that a warning is caught.
 * <p>
 * A warning that a pause of the whole JVM explains is written as {@value #PAUSED}, not as a warning: when a garbage
 * collection or a starved machine stopped every thread, the event loop that happened to run a task then seems blocked,
 * though its code did not block. A {@link PauseMeter} tells: a warning counts as a pause when what remains of the
 * reported block, less the time every thread was paused, is within the limit.
 */
public final class BlockedThreadWarnings implements LauncherSessionListener {

    static final String FILE_PROPERTY = "blocked-thread-warnings.file";
    /** Where {@link BlockedEventLoopIT} finds the file: not {@value #FILE_PROPERTY}, which would start it afresh. */
    static final String WRITTEN_PROPERTY = "blocked-thread-warnings.written";
    static final String CONTROL_PROPERTY = "blocked-thread-warnings.control";
    static final String HEADER = "# blocked-thread warnings of the Quarkus tests, since ";
    static final String EXPECTED = "expected: ";
    static final String UNEXPECTED = "WARNING: ";
    static final String PAUSED = "paused: ";

    /**
     * Vert.x's message:
     * {@code Thread Thread[vert.x-eventloop-thread-1,5,main] has been blocked for 886 ms, time limit is 100 ms}.
     */
    private static final Pattern BLOCKED = Pattern.compile("has been blocked for (\\d+) ms, time limit is (\\d+) ms");

    /** Held so that the loggers, and so their handler, are not collected. */
    private static final List<Logger> LOGGERS = List.of(Logger.getLogger("io.vertx"), Logger.getLogger("io.quarkus.vertx"));

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return;
        }
        Path path = Path.of(file);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, HEADER + Instant.now() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Handler handler = new FileWriting(path, new PauseMeter().start());
        LOGGERS.forEach(logger -> logger.addHandler(handler));
    }

    private static final class FileWriting extends Handler {
        private final Path path;
        private final PauseMeter pauses;

        FileWriting(Path path, PauseMeter pauses) {
            this.path = path;
            this.pauses = pauses;
            setLevel(Level.WARNING);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (record.getLevel().intValue() < Level.WARNING.intValue() || !message.contains("blocked")) {
                return;
            }
            String kind = System.getProperty(CONTROL_PROPERTY) != null ? EXPECTED
                    : explainedByPause(record.getMillis(), message) ? PAUSED : UNEXPECTED;
            try {
                Files.writeString(path, kind + Instant.ofEpochMilli(record.getMillis()) + " " + record.getLoggerName()
                        + " " + message.lines().findFirst().orElse("") + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                reportError("cannot write " + path, e, 0);
            }
        }

        /** Whether the JVM was paused for all of the reported block but the limit. */
        private boolean explainedByPause(long loggedMillis, String message) {
            Matcher blocked = BLOCKED.matcher(message);
            if (!blocked.find()) {
                return false;
            }
            long blockedMillis = Long.parseLong(blocked.group(1));
            long limitMillis = Long.parseLong(blocked.group(2));
            long paused = pauses.pausedWithin(loggedMillis - blockedMillis, loggedMillis);
            return blockedMillis - paused <= limitMillis;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
