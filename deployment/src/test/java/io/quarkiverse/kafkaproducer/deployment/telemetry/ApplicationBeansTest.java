package io.quarkiverse.kafkaproducer.deployment.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/**
 * Application beans replace the default telemetry and error logger: a plain bean for every producer, an
 * {@code @Identifier} bean for its producer only; {@code telemetry-enabled=false} silences one producer; a bean that
 * throws fails no send. Under load from several threads, each record reaches the telemetry exactly once and each
 * failure the error logger exactly once, sync and async. Against the Dev Services broker.
 */
class ApplicationBeansTest {

    /** Over the Kafka client's default max.request.size (1 MiB): refused by the client, record by record. */
    private static final String TOO_LARGE = "x".repeat(1_100_000);

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Counting.class, Counting.Telemetry.class,
                    Counting.ErrorLogger.class, CapturedLog.class, AppTelemetry.class, AppErrorLogger.class,
                    AuditTelemetry.class, AuditErrorLogger.class, FaultyTelemetry.class, FaultyErrorLogger.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.kafka-producer.async.\"quiet\".telemetry-enabled", "false");

    @Singleton
    public static class AppTelemetry extends Counting.Telemetry {
    }

    @Singleton
    public static class AppErrorLogger extends Counting.ErrorLogger {
    }

    @Singleton
    @Identifier("audit")
    public static class AuditTelemetry extends Counting.Telemetry {
    }

    @Singleton
    @Identifier("audit")
    public static class AuditErrorLogger extends Counting.ErrorLogger {
    }

    @Singleton
    @Identifier("faulty")
    public static class FaultyTelemetry implements ProducerTelemetry {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                ProducerType type, String clientId, boolean success) {
            calls.incrementAndGet();
            throw new IllegalStateException("telemetry bug");
        }

        @Override
        public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                String clientId, boolean success) {
            calls.incrementAndGet();
            throw new IllegalStateException("telemetry bug");
        }
    }

    @Singleton
    @Identifier("faulty")
    public static class FaultyErrorLogger implements ProducerErrorLogger {
        @Override
        public void logError(ProducerException error) {
            throw new IllegalStateException("error logger bug");
        }
    }

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    @Inject
    @Identifier("audit")
    SyncProducer<String, String> audit;

    @Inject
    @Identifier("quiet")
    AsyncProducer<String, String> quiet;

    @Inject
    @Identifier("faulty")
    SyncProducer<String, String> faulty;

    @Inject
    AppTelemetry telemetry;

    @Inject
    AppErrorLogger errorLogger;

    @Inject
    @Identifier("audit")
    AuditTelemetry auditTelemetry;

    @Inject
    @Identifier("audit")
    AuditErrorLogger auditErrorLogger;

    @Inject
    @Identifier("faulty")
    FaultyTelemetry faultyTelemetry;

    @Test
    void everyRecordIsReportedExactlyOnceUnderLoad() throws Exception {
        String topic = "exactly-once-" + UUID.randomUUID();
        // both clients learn the topic first, so that the oversized records are refused by the client at once
        sync.sendMessage(topic, "k", "warm-up");
        async.sendMessage(topic, "k", "warm-up");
        async.flush();
        int threads = 4;
        int perThread = 300;
        AtomicInteger syncOk = new AtomicInteger(1);
        AtomicInteger syncFailed = new AtomicInteger();
        AtomicInteger asyncSent = new AtomicInteger(1);
        ExecutorService senders = Executors.newFixedThreadPool(2 * threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(senders.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (i % 25 == 7) {
                        assertThatThrownBy(() -> sync.sendMessage(topic, "k", TOO_LARGE))
                                .isInstanceOf(ProducerException.class);
                        syncFailed.incrementAndGet();
                    } else {
                        sync.sendMessage(topic, "k", "v" + i);
                        syncOk.incrementAndGet();
                    }
                }
                return null;
            }));
            done.add(senders.submit(() -> {
                for (int i = 0; i < 5 * perThread; i++) {
                    async.sendMessage(topic, "k", i % 100 == 3 ? TOO_LARGE : "v" + i);
                    asyncSent.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> sender : done) {
            sender.get(2, TimeUnit.MINUTES);
        }
        senders.shutdown();
        async.flush(); // every async record handed over is now delivered or failed, and reported

        List<ProducerException> errors = errorLogger.errorsFor(topic);
        long asyncFailed = errors.stream().filter(e -> e.producerType() == ProducerType.ASYNC).count();
        assertThat(asyncFailed).as("at least the oversized async records failed")
                .isGreaterThanOrEqualTo(threads * 5 * perThread / 100);
        assertThat(errors.stream().filter(e -> e.producerType() == ProducerType.SYNC)).hasSize(syncFailed.get());
        for (String what : List.of("latency", "size")) {
            assertThat(telemetry.calls(what, ProducerType.SYNC, topic, true)).as(what).isEqualTo(syncOk.get());
            assertThat(telemetry.calls(what, ProducerType.SYNC, topic, false)).as(what).isEqualTo(syncFailed.get());
            assertThat(telemetry.calls(what, ProducerType.ASYNC, topic, false)).as(what).isEqualTo(asyncFailed);
            assertThat(telemetry.calls(what, ProducerType.ASYNC, topic, true)).as(what)
                    .isEqualTo(asyncSent.get() - asyncFailed);
        }
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.producerName()).isEqualTo("default");
            assertThat(e.getMessage()).contains("Kafka producer 'default'", "topic '" + topic + "'")
                    .doesNotContain("xxxxxxxx");
        });
        assertThat(errors).filteredOn(e -> e.producerType() == ProducerType.SYNC)
                .allSatisfy(e -> assertThat(e.getCause()).isInstanceOf(RecordTooLargeException.class));
        assertThat(telemetry.clientIdOf(topic)).matches(".*-default-a?sync");
    }

    @Test
    void anIdentifierBeanServesOnlyItsProducer() {
        String topic = "audit-" + UUID.randomUUID();
        audit.sendMessage(topic, "k", "v");
        assertThatThrownBy(() -> audit.sendMessage(topic, "k", TOO_LARGE)).isInstanceOf(ProducerException.class);

        assertThat(auditTelemetry.calls("latency", ProducerType.SYNC, topic, true)).isEqualTo(1);
        assertThat(auditTelemetry.calls("size", ProducerType.SYNC, topic, false)).isEqualTo(1);
        assertThat(auditTelemetry.clientIdOf(topic)).endsWith("audit-sync");
        assertThat(auditErrorLogger.errorsFor(topic)).singleElement()
                .satisfies(e -> assertThat(e.producerName()).isEqualTo("audit"));
        assertThat(telemetry.callsFor(topic)).as("the application-wide telemetry").isZero();
        assertThat(errorLogger.errorsFor(topic)).as("the application-wide error logger").isEmpty();
    }

    @Test
    void telemetryCanBeTurnedOffPerProducerWhileErrorsAreStillLogged() {
        String topic = "quiet-" + UUID.randomUUID();
        quiet.sendMessage(topic, "k", "v");
        quiet.sendMessage(topic, "k", TOO_LARGE);
        quiet.flush();

        assertThat(telemetry.callsFor(topic)).isZero();
        assertThat(errorLogger.errorsFor(topic)).singleElement()
                .satisfies(e -> assertThat(e.producerType()).isEqualTo(ProducerType.ASYNC));
    }

    @Test
    void aThrowingTelemetryOrErrorLoggerFailsNoSendAndIsLoggedRateLimited() {
        String topic = "faulty-" + UUID.randomUUID();
        try (CapturedLog log = CapturedLog.of("io.quarkiverse.kafkaproducer")) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(faulty.sendMessage(topic, "k", "v" + i).offset()).isGreaterThanOrEqualTo(0);
            }
            // the caller gets the record's failure, not the error logger's exception
            assertThatThrownBy(() -> faulty.sendMessage(topic, "k", TOO_LARGE))
                    .isInstanceOfSatisfying(ProducerException.class,
                            e -> assertThat(e.getCause()).isInstanceOf(RecordTooLargeException.class));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

            assertThat(faultyTelemetry.calls).hasValue(2 * 21); // both calls made for every record, each threw
            List<String> ignored = log.errorsContaining("Kafka producer 'faulty' (sync): the ");
            // one line per window of a second; the windows count from the producer's start, not from this test's,
            // so a run of n whole seconds and a fraction touches n + 2 of them at most
            assertThat(ignored).isNotEmpty().hasSizeLessThanOrEqualTo((int) seconds + 2)
                    .allSatisfy(line -> assertThat(line).contains("threw an exception; it is ignored"));
            // the lines held back are counted, inline or once their second is over with no further failure needed
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    log.errorsContaining("Kafka producer 'faulty' (sync): ").stream()
                            .mapToLong(ApplicationBeansTest::exceptionsAccountedFor).sum())
                    .isEqualTo(2 * 21 + 1));
        }
    }

    /** 1 + the count held back for a logged exception, the count for a summary line. */
    private static long exceptionsAccountedFor(String line) {
        Matcher inline = Pattern.compile("\\((\\d+) similar ones not logged\\)")
                .matcher(line);
        if (line.contains("threw an exception")) {
            return 1 + (inline.find() ? Long.parseLong(inline.group(1)) : 0);
        }
        Matcher summary = Pattern.compile(": (\\d+) more exceptions").matcher(line);
        return summary.find() ? Long.parseLong(summary.group(1)) : 0;
    }
}
