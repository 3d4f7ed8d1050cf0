package io.quarkiverse.kafkaproducer.it.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * The control of {@link BlockedEventLoopIT}: with {@code quarkus.vertx.max-event-loop-execute-time=100ms}, an event loop
 * kept busy for longer than the checker's interval is reported, and the warning reaches the file the IT reads.
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
                // longer than the checker's interval (1 s), so that it sees the loop busy beyond 100 ms at least once
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_500));
                unblocked.countDown();
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(file).contains(BlockedThreadWarnings.EXPECTED));
            assertThat(unblocked.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            System.clearProperty(BlockedThreadWarnings.CONTROL_PROPERTY);
        }
        assertThat(Files.readString(file)).contains("has been blocked for");
    }
}
