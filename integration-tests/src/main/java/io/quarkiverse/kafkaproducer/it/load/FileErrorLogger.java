package io.quarkiverse.kafkaproducer.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.it.failures.RecentFailures;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LoggingProducerErrorLogger;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The error logger of the packaged application (tests have their own): besides logging, writes one line per failed
 * record to {@code reliability.error-file} and flushes it at once, so that the count survives however the process
 * ends, and a test can add it to what the topic holds; keeps the last ones in {@link RecentFailures} for
 * {@code /failures}. Application-scoped, closing its file when destroyed, as an
 * application's own logger would: the records that fail while the producers close at shutdown must still reach it.
 */
@ApplicationScoped
@IfBuildProfile("prod")
public class FileErrorLogger implements ProducerErrorLogger {

    private final ProducerErrorLogger log = new LoggingProducerErrorLogger();

    @ConfigProperty(name = "reliability.error-file")
    Optional<Path> errorFile;

    @Inject
    RecentFailures recent;

    private Writer out;

    @PostConstruct
    void open() {
        if (errorFile.isPresent()) {
            try {
                out = Files.newBufferedWriter(errorFile.get(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    @Override
    public void logError(ProducerException error) {
        log.logError(error);
        recent.add(error);
        if (out != null) {
            synchronized (this) {
                try {
                    out.write(error.producerType().tagValue() + '\t' + error.topic() + '\t' + error.partition() + '\t'
                            + (error.getCause() == null ? "" : error.getCause().getClass().getName()) + '\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
