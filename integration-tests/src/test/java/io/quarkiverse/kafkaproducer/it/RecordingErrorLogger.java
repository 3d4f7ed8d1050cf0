package io.quarkiverse.kafkaproducer.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LoggingProducerErrorLogger;

/**
 * Replaces the default error logger in the tests' application: keeps every error for assertions, and still logs it.
 */
@Singleton
public class RecordingErrorLogger implements ProducerErrorLogger {

    private final List<ProducerException> errors = new CopyOnWriteArrayList<>();
    private final ProducerErrorLogger log = new LoggingProducerErrorLogger();

    @Override
    public void logError(ProducerException error) {
        errors.add(error);
        log.logError(error);
    }

    public List<ProducerException> errorsFor(String topic) {
        return errors.stream().filter(e -> topic.equals(e.topic())).toList();
    }
}
