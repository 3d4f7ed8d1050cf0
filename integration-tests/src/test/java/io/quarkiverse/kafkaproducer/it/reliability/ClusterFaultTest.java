package io.quarkiverse.kafkaproducer.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerOption;
import io.quarkiverse.kafkaproducer.ProducerOptions;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.it.harness.TestCluster;
import io.quarkiverse.kafkaproducer.it.reliability.Ledger.Entry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * Broker faults under load, on three brokers with replication factor 3 and min ISR 2: a killed leader, a full outage,
 * a frozen leader. Producers come from the factory, which runs the same engine as the injected ones. Every check reads
 * the topic back with a consumer of its own and compares it with a ledger of what was sent.
 */
class ClusterFaultTest {

    private static final Logger LOG = Logger.getLogger(ClusterFaultTest.class);
    private static final int PARTITIONS = 4;
    private static final Duration SHORT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start("cluster-fault", 3, builder -> builder.replicationFactor(3).minInsyncReplicas(2));
    }

    @AfterAll
    static void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void everyBrokerIsBack() {
        cluster.cluster().restartStopped();
    }

    /**
     * Scenario 1: 4 threads send 20,000 records one at a time while the leader of the busiest partition is killed and
     * restarted. Every record whose call returned is stored exactly once, where its report says, in send order per
     * thread and partition; every call that threw is counted, and stored at most once.
     */
    @Test
    void syncRecordsSurviveALeaderKillStoredOnceInSendOrder() throws Exception {
        String topic = "fault-sync-kill";
        cluster.createTopic(topic, PARTITIONS, 3, 2);
        int threads = 4;
        int perThread = 5_000;
        CountingErrorLogger errors = new CountingErrorLogger();
        CountingTelemetry telemetry = new CountingTelemetry();
        Map<String, DeliveryReport> acknowledged = new ConcurrentHashMap<>();
        Map<String, ProducerException> thrown = new ConcurrentHashMap<>();
        AtomicInteger settled = new AtomicInteger();
        int killed;
        long start = System.nanoTime();
        try (SyncProducer<String, String> producer = KafkaProducers.newSyncProducer("reliability",
                cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                ProducerOptions.withName("fault-sync"), ProducerOptions.withErrorLogger(errors),
                ProducerOptions.withTelemetry(telemetry))) {
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                done.add(senders.submit(() -> {
                    for (int seq = 0; seq < perThread; seq++) {
                        String value = Ledger.value(writer, seq, 80);
                        try {
                            DeliveryReport report = producer.sendMessage(
                                    new ProducerRecord<>(topic, busyPartitionFirst(seq), null, value));
                            acknowledged.put(writer + ":" + seq, report);
                        } catch (ProducerException e) {
                            thrown.put(writer + ":" + seq, e);
                        }
                        settled.incrementAndGet();
                    }
                }));
            }
            senders.shutdown();

            await("a quarter of the records settled").atMost(Duration.ofMinutes(2))
                    .until(() -> settled.get() >= threads * perThread / 4);
            killed = cluster.leaderOf(topic, 0);
            cluster.cluster().kill(killed);
            int atKill = settled.get();
            cluster.awaitNewLeader(topic, 0, killed);
            await("writes go on without the killed leader").atMost(Duration.ofMinutes(1))
                    .until(() -> settled.get() >= atKill + 2_000 || settled.get() == threads * perThread);
            cluster.cluster().restart(killed);
            for (Future<?> sender : done) {
                sender.get(5, TimeUnit.MINUTES);
            }
        }
        cluster.awaitIsr(topic, 0, 3);
        LOG.infof("sync kill: %d acknowledged, %d threw (%s), in %.1f s; leader %d killed", acknowledged.size(),
                thrown.size(), errors.causes(), (System.nanoTime() - start) / 1e9, killed);

        assertThat(acknowledged.size() + thrown.size()).as("every call returned or threw").isEqualTo(threads * perThread);
        assertThat(telemetry.reported()).as("each record reported once to the telemetry").isEqualTo(threads * perThread);
        assertThat(errors.count(topic)).as("each failure reported once to the error logger").isEqualTo(thrown.size());

        List<Entry> stored = Ledger.read(cluster.bootstrapServers(), topic);
        assertThat(Ledger.duplicates(stored)).as("records stored twice").isEmpty();
        assertThat(Ledger.orderViolations(stored)).as("records out of send order").isEmpty();
        Map<String, Entry> storedByKey = stored.stream().collect(Collectors.toMap(e -> e.writer() + ":" + e.sequence(),
                e -> e));
        acknowledged.forEach((key, report) -> {
            Entry entry = storedByKey.get(key);
            assertThat(entry).as("acknowledged record %s is stored", key).isNotNull();
            assertThat(entry.partition()).as("partition of %s", key).isEqualTo(report.partition());
            assertThat(entry.offset()).as("offset of %s", key).isEqualTo(report.offset());
        });
        assertThat(storedByKey.keySet()).as("nothing stored that was not sent")
                .allSatisfy(key -> assertThat(acknowledged.containsKey(key) || thrown.containsKey(key)).isTrue());
    }

    /**
     * Scenario 2: 100,000 records handed over to the async producer, half before the leader of the busiest partition
     * is killed and half after; it comes back. Delivered + reported = handed over, exactly, without duplicates.
     */
    @Test
    void asyncRecordsSurviveALeaderKillDeliveredOrReportedExactlyOnce() {
        String topic = "fault-async-kill";
        cluster.createTopic(topic, PARTITIONS, 3, 2);
        int count = 100_000;
        CountingErrorLogger errors = new CountingErrorLogger();
        CountingTelemetry telemetry = new CountingTelemetry();
        long start = System.nanoTime();
        int killed;
        try (AsyncProducer<String, String> producer = KafkaProducers.newAsyncProducer("reliability",
                cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                ProducerOptions.withName("fault-async"), ProducerOptions.withErrorLogger(errors),
                ProducerOptions.withTelemetry(telemetry))) {
            for (int seq = 0; seq < count / 2; seq++) {
                producer.sendMessage(new ProducerRecord<>(topic, busyPartitionFirst(seq), null, Ledger.value(0, seq, 80)));
            }
            killed = cluster.leaderOf(topic, 0);
            cluster.cluster().kill(killed); // with records in flight
            for (int seq = count / 2; seq < count; seq++) {
                producer.sendMessage(new ProducerRecord<>(topic, busyPartitionFirst(seq), null, Ledger.value(0, seq, 80)));
            }
            cluster.awaitNewLeader(topic, 0, killed);
            cluster.cluster().restart(killed);
            producer.flush();
        }
        LOG.infof("async kill: %d reported (%s), in %.1f s; leader %d killed", errors.count(topic), errors.causes(),
                (System.nanoTime() - start) / 1e9, killed);

        List<Entry> stored = Ledger.read(cluster.bootstrapServers(), topic);
        assertThat(Ledger.duplicates(stored)).as("records stored twice").isEmpty();
        assertThat(Ledger.orderViolations(stored)).as("records out of send order").isEmpty();
        assertThat(stored).allSatisfy(e -> assertThat(e.sequence()).isBetween(0L, (long) count - 1));
        assertThat(stored.size() + errors.count(topic)).as("delivered + reported = handed over").isEqualTo(count);
        assertThat(telemetry.reported()).as("each record reported once to the telemetry").isEqualTo(count);
        assertThat(telemetry.failures.sum()).isEqualTo(errors.count(topic));
    }

    /**
     * Scenario 2b: a reactive stream of 200,000 records while the leader of the busiest partition is killed and comes
     * back. Every record reported delivered is stored once, where its report says; if any record was not reported
     * delivered, the stream failed.
     */
    @Test
    void aReactiveStreamSurvivesALeaderKillEveryReportedRecordStoredOnce() {
        String topic = "fault-reactive-kill";
        cluster.createTopic(topic, PARTITIONS, 3, 2);
        int count = 200_000;
        int killed;
        AssertSubscriber<DeliveryReport> subscriber;
        try (ReactiveProducer<String, String> producer = KafkaProducers.newReactiveProducer("reliability",
                cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                ProducerOptions.withName("fault-reactive"), ProducerOptions.withErrorLogger(new CountingErrorLogger()))) {
            Multi<ProducerRecord<String, String>> records = Multi.createFrom().range(0, count)
                    .map(seq -> new ProducerRecord<>(topic, busyPartitionFirst(seq), null, Ledger.value(0, seq, 80)));
            subscriber = producer.sendMessages(records).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
            await().atMost(Duration.ofMinutes(1)).until(() -> subscriber.getItems().size() >= count / 4);
            killed = cluster.leaderOf(topic, 0);
            cluster.cluster().kill(killed); // with records in flight
            cluster.awaitNewLeader(topic, 0, killed);
            cluster.cluster().restart(killed);
            await().atMost(Duration.ofMinutes(3)).until(() -> subscriber.hasCompleted() || subscriber.getFailure() != null);
        }
        List<DeliveryReport> reports = subscriber.getItems();
        LOG.infof("reactive kill: %d of %d reported delivered, stream %s; leader %d killed", reports.size(), count,
                subscriber.hasCompleted() ? "completed" : "failed with " + subscriber.getFailure(), killed);

        List<Entry> stored = Ledger.read(cluster.bootstrapServers(), topic);
        assertThat(Ledger.duplicates(stored)).as("records stored twice").isEmpty();
        Map<Long, Entry> bySequence = stored.stream().collect(Collectors.toMap(Entry::sequence, e -> e));
        for (int seq = 0; seq < reports.size(); seq++) {
            DeliveryReport report = reports.get(seq);
            Entry entry = bySequence.get((long) seq);
            assertThat(entry).as("record %d, reported delivered", seq).isNotNull();
            assertThat(entry.partition()).isEqualTo(report.partition());
            assertThat(entry.offset()).isEqualTo(report.offset());
        }
        if (reports.size() < count) {
            assertThat(subscriber.getFailure()).as("records were not reported delivered: the stream failed")
                    .isInstanceOf(ProducerException.class);
        } else {
            assertThat(subscriber.hasCompleted()).isTrue();
        }
    }

    /**
     * Scenario 3: every broker is down for longer than the delivery timeout. Sync calls fail within the bound with a
     * timeout as the cause; every async record is reported, and memory stays bounded while 150 MiB are handed over;
     * once the brokers are back, both producers deliver again, without being recreated.
     */
    @Test
    void fullOutageFailsWithinTheBoundKeepsMemoryBoundedAndRecovers() throws Exception {
        String topic = "fault-outage";
        cluster.createTopic(topic, PARTITIONS, 3, 2);
        CountingErrorLogger errors = new CountingErrorLogger();
        ProducerOption shortTimeouts = ProducerOptions.withConfig(Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SHORT_DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
        int handedOver = 150_000;
        try (SyncProducer<String, String> sync = KafkaProducers.newSyncProducer("reliability", cluster.bootstrapServers(),
                new StringSerializer(), new StringSerializer(), ProducerOptions.withName("outage-sync"),
                ProducerOptions.withErrorLogger(errors), shortTimeouts);
                AsyncProducer<String, String> async = KafkaProducers.newAsyncProducer("reliability",
                        cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                        ProducerOptions.withName("outage-async"), ProducerOptions.withErrorLogger(errors),
                        shortTimeouts)) {
            sync.sendMessage(topic, Ledger.value(1, -1, 0)); // metadata known: only the outage is tested
            async.sendMessage(topic, Ledger.value(2, -1, 0));
            async.flush();
            long heapBefore = heapAfterGc();

            for (int node : cluster.cluster().nodeIds()) {
                cluster.cluster().kill(node);
            }
            ExecutorService syncCallers = Executors.newFixedThreadPool(2);
            List<Future<Duration>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int seq = i;
                calls.add(syncCallers.submit(() -> {
                    long begin = System.nanoTime();
                    try {
                        sync.sendMessage(new ProducerRecord<>(topic, seq % PARTITIONS, null, Ledger.value(1, seq, 0)));
                        throw new AssertionError("a sync call succeeded while every broker was down");
                    } catch (ProducerException e) {
                        assertThat(e.topic()).isEqualTo(topic);
                        assertThat(e.isRetriable()).isTrue();
                        assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
                        assertThat(e.getMessage()).contains("outage-sync", topic, "ms");
                        return Duration.ofNanos(System.nanoTime() - begin);
                    }
                }));
            }
            syncCallers.shutdown();

            String value = "x".repeat(1024);
            long handOverStart = System.nanoTime();
            for (int seq = 0; seq < handedOver; seq++) {
                async.sendMessage(new ProducerRecord<>(topic, seq % PARTITIONS, null, Ledger.value(2, seq, 0) + value));
            }
            Duration handOver = Duration.ofNanos(System.nanoTime() - handOverStart);
            long heapDuring = heapAfterGc();

            List<Duration> durations = new ArrayList<>();
            for (Future<Duration> call : calls) {
                durations.add(call.get(1, TimeUnit.MINUTES));
            }
            await("every async record reported").atMost(SHORT_DELIVERY_TIMEOUT.plusSeconds(60))
                    .until(() -> errors.count(topic) - 4 >= handedOver);
            LOG.infof("outage: sync calls failed after %s; %d async records handed over in %s, heap %d MiB -> %d MiB; "
                    + "causes %s", durations, handedOver, handOver, heapBefore >> 20, heapDuring >> 20, errors.causes());

            // sync: within the delivery timeout, the wait for the client's buffer included; what the clock adds on a
            // busy machine aside
            assertThat(durations).allSatisfy(d -> assertThat(d).isLessThan(SHORT_DELIVERY_TIMEOUT.plusMillis(1500)));
            assertThat(errors.count(topic)).as("4 sync calls and every async record, each reported once")
                    .isEqualTo(4 + handedOver);
            assertThat(errors.causes().keySet()).containsOnly(TimeoutException.class.getSimpleName(),
                    BufferExhaustedException.class.getSimpleName());
            // 32 MiB of client buffer and 32 MiB of waiting records at most, while 150 MiB were handed over
            assertThat(heapDuring - heapBefore).as("heap growth in bytes").isLessThan(128L << 20);

            cluster.cluster().restartStopped();
            DeliveryReport first = await("the sync producer delivers again").atMost(Duration.ofMinutes(1))
                    .ignoreExceptionsInstanceOf(ProducerException.class)
                    .until(() -> sync.sendMessage(topic, Ledger.value(3, 0, 0)), report -> report.offset() >= 0);
            assertThat(first.topic()).isEqualTo(topic);
            for (int seq = 1; seq < 100; seq++) {
                sync.sendMessage(new ProducerRecord<>(topic, seq % PARTITIONS, null, Ledger.value(3, seq, 0)));
            }
            long failuresBefore = errors.count(topic);
            for (int seq = 0; seq < 1_000; seq++) {
                async.sendMessage(new ProducerRecord<>(topic, seq % PARTITIONS, null, Ledger.value(4, seq, 0)));
            }
            async.flush();
            assertThat(errors.count(topic)).as("no failure after the recovery").isEqualTo(failuresBefore);
        }

        List<Entry> stored = Ledger.read(cluster.bootstrapServers(), topic);
        Map<Integer, Long> storedByWriter = stored.stream().collect(Collectors.groupingBy(Entry::writer,
                Collectors.counting()));
        assertThat(Ledger.duplicates(stored)).isEmpty();
        // writers: 1 sync during the outage, 2 async during the outage (both with a warm-up record), 3 and 4 after
        assertThat(storedByWriter.getOrDefault(1, 0L)).as("sync records stored").isEqualTo(1);
        assertThat(storedByWriter.getOrDefault(2, 0L)).as("async records stored").isEqualTo(1);
        assertThat(storedByWriter.get(3)).isEqualTo(100);
        assertThat(storedByWriter.get(4)).isEqualTo(1_000);
    }

    /**
     * Scenario 5: the leader of the busiest partition freezes (SIGSTOP) under sync and async load until the controller
     * fences it, then continues. Calls stay bounded, every acknowledged record is stored once, nothing is lost, and
     * closing the producers leaves no thread behind.
     */
    @Test
    void frozenLeaderKeepsCallsBoundedAndLeaksNoThread() throws Exception {
        String topic = "fault-pause";
        cluster.createTopic(topic, PARTITIONS, 3, 2);
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        CountingErrorLogger errors = new CountingErrorLogger();
        ProducerOption timeouts = ProducerOptions.withConfig(Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
        Map<String, DeliveryReport> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger syncFailures = new AtomicInteger();
        LongAccumulator slowestSync = new LongAccumulator(Math::max, 0);
        LongAccumulator slowestAsync = new LongAccumulator(Math::max, 0);
        AtomicLong asyncHandedOver = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        int threadsDuringPause;
        int paused;
        try (SyncProducer<String, String> sync = KafkaProducers.newSyncProducer("reliability",
                cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                ProducerOptions.withName("pause-sync"), ProducerOptions.withErrorLogger(errors), timeouts);
                AsyncProducer<String, String> async = KafkaProducers.newAsyncProducer("reliability",
                        cluster.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                        ProducerOptions.withName("pause-async"), ProducerOptions.withErrorLogger(errors), timeouts)) {
            ExecutorService syncCallers = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int writer = t;
                done.add(syncCallers.submit(() -> {
                    for (int seq = 0; running.get(); seq++) {
                        long begin = System.nanoTime();
                        try {
                            acknowledged.put(writer + ":" + seq, sync.sendMessage(
                                    new ProducerRecord<>(topic, busyPartitionFirst(seq), null, Ledger.value(writer, seq, 80))));
                        } catch (ProducerException e) {
                            syncFailures.incrementAndGet();
                        }
                        slowestSync.accumulate(System.nanoTime() - begin);
                    }
                }));
            }
            syncCallers.shutdown();
            // async load at a steady 10,000 records/s from a scheduler thread of its own
            ScheduledExecutorService asyncCaller = Executors.newSingleThreadScheduledExecutor();
            asyncCaller.scheduleAtFixedRate(() -> {
                asyncThread = Thread.currentThread();
                for (int i = 0; i < 100; i++) {
                    long seq = asyncHandedOver.getAndIncrement();
                    long begin = System.nanoTime();
                    asyncCallStart = begin;
                    async.sendMessage(new ProducerRecord<>(topic, busyPartitionFirst((int) seq), null,
                            Ledger.value(9, seq, 80)));
                    asyncCallStart = 0;
                    slowestAsync.accumulate(System.nanoTime() - begin);
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            // where a slow async call spends its time, for the failure message
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
            watchdog.scheduleAtFixedRate(this::recordSlowAsyncCall, 100, 100, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 1_000);
            paused = cluster.leaderOf(topic, 0);
            cluster.cluster().pause(paused);
            try {
                int atPause = acknowledged.size();
                cluster.awaitNewLeader(topic, 0, paused); // the controller fenced it: about 3 s
                await("sync writes go on while the leader is frozen").atMost(Duration.ofMinutes(1))
                        .until(() -> acknowledged.size() >= atPause + 500);
                threadsDuringPause = Thread.activeCount();
            } finally {
                cluster.cluster().resume(paused);
            }
            cluster.awaitIsr(topic, 0, 3);
            int afterResume = acknowledged.size();
            await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= afterResume + 500);
            running.set(false);
            asyncCaller.shutdown();
            watchdog.shutdown();
            assertThat(asyncCaller.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            assertThat(watchdog.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            for (Future<?> caller : done) {
                caller.get(1, TimeUnit.MINUTES);
            }
            async.flush();
        }
        LOG.infof("pause of node %d: %d sync acknowledged, %d failed, slowest %d ms; %d async, slowest hand-over %d ms; "
                + "%d threads during the pause; longest watchdog gap %d ms; slow async calls: %s", paused, acknowledged.size(),
                syncFailures.get(),
                slowestSync.get() / 1_000_000, asyncHandedOver.get(), slowestAsync.get() / 1_000_000, threadsDuringPause,
                longestWatchdogGap / 1_000_000, slowAsyncCalls);

        // bounded: a frozen broker is given up after request.timeout.ms, well within the delivery timeout
        assertThat(Duration.ofNanos(slowestSync.get())).isLessThan(Duration.ofSeconds(15 + 5));
        // waiting for the frozen broker would take request.timeout.ms (3 s) at least; a thread of this test can lose
        // the CPU for a few hundred milliseconds on a busy machine
        // A whole-JVM stall (a GC pause, the machine's CPUs taken by other processes) stops the watchdog as well: it
        // is not the producer's doing, and is allowed for
        Duration jvmStall = Duration.ofNanos(Math.max(0, longestWatchdogGap - 100_000_000L));
        assertThat(Duration.ofNanos(slowestAsync.get()))
                .as("an async call never waits on the broker; the JVM stalled up to %s; slow calls were at %s",
                        jvmStall, slowAsyncCalls)
                .isLessThan(Duration.ofSeconds(1).plus(jvmStall));
        List<Entry> stored = Ledger.read(cluster.bootstrapServers(), topic);
        assertThat(Ledger.duplicates(stored)).isEmpty();
        assertThat(Ledger.orderViolations(stored)).isEmpty();
        Set<String> storedKeys = stored.stream().map(e -> e.writer() + ":" + e.sequence()).collect(Collectors.toSet());
        assertThat(storedKeys).containsAll(acknowledged.keySet());
        long asyncStored = stored.stream().filter(e -> e.writer() == 9).count();
        assertThat(asyncStored + errors.count(topic) - syncFailures.get()).as("async delivered + reported = handed over")
                .isEqualTo(asyncHandedOver.get());

        await("the producers' threads end with them").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(newThreads(threadsBefore)).isEmpty());
    }

    private volatile Thread asyncThread;
    private volatile long asyncCallStart;
    private final List<String> slowAsyncCalls = new CopyOnWriteArrayList<>();

    private long lastWatchdogRun;
    private volatile long longestWatchdogGap;

    /**
     * Runs every 100 ms: notes how late it runs (a stall of the whole JVM), and keeps the stack of an async call that
     * has lasted over 200 ms, up to 5 of them.
     */
    private void recordSlowAsyncCall() {
        long now = System.nanoTime();
        if (lastWatchdogRun != 0) {
            longestWatchdogGap = Math.max(longestWatchdogGap, now - lastWatchdogRun);
        }
        lastWatchdogRun = now;
        long start = asyncCallStart;
        Thread thread = asyncThread;
        if (start != 0 && thread != null && System.nanoTime() - start > 200_000_000L && slowAsyncCalls.size() < 5) {
            StringBuilder stack = new StringBuilder("\n--- after " + (System.nanoTime() - start) / 1_000_000 + " ms:");
            for (StackTraceElement frame : thread.getStackTrace()) {
                stack.append("\n  at ").append(frame);
            }
            slowAsyncCalls.add(stack.toString());
        }
    }

    /** Half of the records go to partition 0, the busiest one, the others spread over the rest. */
    private static int busyPartitionFirst(int seq) {
        return seq % 2 == 0 ? 0 : 1 + (seq / 2) % (PARTITIONS - 1);
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Threads started since, but not the JDK's shared pools, which outlive any single user. */
    private static List<String> newThreads(Set<Thread> before) {
        Set<Thread> known = new HashSet<>(before);
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (!known.contains(thread) && thread.isAlive() && !name.equals("process reaper")
                    && !name.startsWith("ForkJoinPool.commonPool") && !name.startsWith("awaitility")
                    && !name.equals("Attach Listener")) {
                names.add(name);
            }
        }
        Collections.sort(names);
        return names;
    }
}
