package io.quarkiverse.kafkaproducer.deployment.telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Collects the formatted messages of one log category while a test runs; JBoss LogManager takes JUL handlers. */
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        this.logger = Logger.getLogger(category);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    /** Every message logged so far, whatever its level. */
    List<String> messages() {
        return messages.stream().map(m -> m.substring(6)).toList();
    }

    /** The messages logged so far at ERROR or above that contain the text. */
    List<String> errorsContaining(String text) {
        return messages.stream().filter(m -> m.startsWith("ERROR ")).map(m -> m.substring(6))
                .filter(m -> m.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        messages.add((record.getLevel().intValue() >= Level.SEVERE.intValue() ? "ERROR " : "OTHER ") + message);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
