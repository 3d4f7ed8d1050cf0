package io.quarkiverse.kafkaproducer.it.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * The control of {@link BlockedEventLoopIT}: with {@code quarkus.vertx.max-event-loop-execute-time=100ms}, an event loop
 * kept busy is reported, and the warning reaches the file the IT reads.
 */
@QuarkusTest
class BlockedThreadCheckerTest {

    @Inject
    Vertx vertx;

    @Test
    void anEventLoopBlockedOnPurposeIsReportedToTheWarningsFile() throws Exception {
        Path file = Path.of(System.getProperty(BlockedThreadWarnings.FILE_PROPERTY));
        CountDownLatch unblocked = new CountDownLatch(1);
        System.setProperty(BlockedThreadWarnings.CONTROL_PROPERTY, "true");
        try {
            vertx.runOnContext(ignored -> {
                // Busy until the checker reported it: on a loaded machine its timer thread may run late, so a block of
                // fixed length could end before the checker looked. Bounded, so that a checker that never warns fails
                // the test rather than hanging it.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!warned(file) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
                unblocked.countDown();
            });
            assertThat(unblocked.await(60, TimeUnit.SECONDS)).as("the event loop was released").isTrue();
            assertThat(warned(file)).as("the checker reported the blocked event loop within 30 s").isTrue();
        } finally {
            System.clearProperty(BlockedThreadWarnings.CONTROL_PROPERTY);
        }
        assertThat(Files.readString(file)).contains("has been blocked for");
    }

    private static boolean warned(Path file) {
        try {
            return Files.readString(file).contains(BlockedThreadWarnings.EXPECTED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
