package io.quarkiverse.kafkaproducer.deployment.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The producers close while the application's beans are still alive: an {@code @ApplicationScoped} error logger that
 * writes to a file, and closes it in {@code @PreDestroy}, receives every record that failed at shutdown. The records
 * wait for a broker that never answers, so that closing the producer is what fails them.
 */
class ShutdownOrderTest {

    /** Read after the application stopped, by this test's own class loader: a file, not a static field. */
    static final Path ERRORS = Path.of("target", "shutdown-order-errors.log");
    static final int RECORDS = 50;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(FileErrorLogger.class))
            .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:1")
            .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false")
            .overrideConfigKey("quarkus.kafka-producer.async.close-timeout", "1s")
            .setAfterUndeployListener(ShutdownOrderTest::everyRecordFailedAtShutdownWasLogged);

    /** The application's error logger: one line per failed record, in a file it closes when it is destroyed. */
    @ApplicationScoped
    public static class FileErrorLogger implements ProducerErrorLogger {

        /** Opened once: an instance created again after this one was destroyed could not write either. */
        private static final Writer OUT = open();

        private static Writer open() {
            try {
                return Files.newBufferedWriter(ERRORS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void logError(ProducerException error) {
            try {
                OUT.write(error.topic() + '\t' + error.getCause().getMessage() + '\n');
                OUT.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @PreDestroy
        synchronized void closeFile() throws IOException {
            OUT.close();
        }

        /** A call that makes the container create the bean now, as using it would: it then exists when beans die. */
        void ready() {
        }
    }

    @Inject
    AsyncProducer<String, String> producer;

    @Inject
    FileErrorLogger logger;

    @Test
    void recordsStillWaitingWhenTheApplicationStops() throws IOException {
        logger.ready();
        for (int i = 0; i < RECORDS; i++) {
            producer.sendMessage("unreachable", "k", "v" + i);
        }
        assertThat(Files.readAllLines(ERRORS)).as("nothing failed before shutdown").isEmpty();
    }

    static void everyRecordFailedAtShutdownWasLogged() {
        List<String> lines;
        try {
            lines = Files.readAllLines(ERRORS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(lines).hasSize(RECORDS).allSatisfy(line -> assertThat(line)
                .startsWith("unreachable\t").contains("was closed before the Kafka client could take the record"));
    }
}
