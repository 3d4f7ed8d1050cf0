package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions against one real broker: all or nothing, concurrency, misuse, the pool's bound. */
class TransactionalProducerTest {

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(3);

    private final List<ProducerException> errors = new CopyOnWriteArrayList<>();
    private final Measures measures = new Measures();

    private TransactionalProducer<String, String> producer(String prefix, ProducerOption... more) {
        List<ProducerOption> options = new ArrayList<>(List.of(ProducerOptions.withErrorLogger(errors::add),
                ProducerOptions.withTelemetry(measures)));
        options.addAll(List.of(more));
        return KafkaProducers.newTransactionalProducer("test", broker.bootstrapServers(), prefix,
                new StringSerializer(), new StringSerializer(), options.toArray(ProducerOption[]::new));
    }

    @Test
    void commitMakesEveryRecordVisibleTogetherAndMeasuresEachAsDelivered() {
        try (TransactionalProducer<String, String> payments = producer("commit-")) {
            String result = payments.inTransaction(tx -> {
                for (int i = 0; i < 5; i++) {
                    tx.send("tx-debits", "k" + i, "debit-" + i);
                    tx.send("tx-credits", "k" + i, "credit-" + i);
                }
                return "booked";
            });
            assertThat(result).isEqualTo("booked");
        }
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-debits")).hasSize(5);
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-credits"))
                .containsExactlyInAnyOrder("credit-0", "credit-1", "credit-2", "credit-3", "credit-4");
        assertThat(measures.count("tx-debits", true)).isEqualTo(5);
        assertThat(measures.count("tx-debits", false)).isZero();
        assertThat(measures.types).containsOnly(ProducerType.TRANSACTIONAL);
        assertThat(errors).isEmpty();
    }

    @Test
    void anExceptionOfTheWorkAbortsTheTransactionAndIsRethrownAsItIs() {
        IllegalStateException thrown = new IllegalStateException("insufficient funds");
        try (TransactionalProducer<String, String> payments = producer("abort-")) {
            Throwable caught = catchThrowable(() -> payments.inTransaction(tx -> {
                for (int i = 0; i < 5; i++) {
                    tx.send("tx-aborted", "k", "v" + i);
                }
                throw thrown;
            }));
            assertThat(caught).isSameAs(thrown);
            // the producer goes on: the client was aborted cleanly and is used again
            payments.inTransaction(tx -> {
                tx.send("tx-aborted", "k", "after");
                return null;
            });
        }
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-aborted")).containsExactly("after");
        assertThat(measures.count("tx-aborted", false)).isEqualTo(5);
        assertThat(measures.count("tx-aborted", true)).isEqualTo(1);
        assertThat(errors).as("an application's abort is not an error").isEmpty();
    }

    @Test
    void aRecordTooLargeForTheBrokerAbortsTheWholeTransaction() {
        String large = "secret-" + "x".repeat(1536 * 1024); // over the broker's message.max.bytes of 1 MiB
        ProducerException error;
        try (TransactionalProducer<String, String> payments = producer("too-large-",
                ProducerOptions.withConfig(Map.of("max.request.size", 4 * 1024 * 1024)))) {
            error = catchThrowableOfType(ProducerException.class, () -> payments.inTransaction(tx -> {
                tx.send("tx-too-large", "k", "small-1");
                tx.send("tx-too-large", "k", large);
                tx.send("tx-too-large", "k", "small-2");
                return null;
            }));
        }
        assertThat(error).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(error.getMessage()).contains("aborted", "nothing of it is visible", "'tx-too-large'")
                .doesNotContain("secret-");
        assertThat(error.topic()).isEqualTo("tx-too-large");
        assertThat(error.producerType()).isEqualTo(ProducerType.TRANSACTIONAL);
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-too-large")).isEmpty();
        assertThat(errors).as("reported once, for the transaction").containsExactly(error);
        assertThat(measures.count("tx-too-large", false)).isEqualTo(3);
    }

    @Test
    void eightThreadsOfTwentyTransactionsOfTenRecordsWriteEachRecordOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (TransactionalProducer<String, String> ledger = producer("concurrent-")) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int n = 0; n < 20; n++) {
                        int transaction = n;
                        ledger.inTransaction(tx -> {
                            for (int r = 0; r < 10; r++) {
                                tx.send("tx-concurrent", thread + "/" + transaction + "/" + r);
                            }
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get(3, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> values = CommittedReader.committed(broker.bootstrapServers(), "tx-concurrent");
        assertThat(values).hasSize(1600);
        assertThat(new HashSet<>(values)).hasSize(1600);
        assertThat(errors).isEmpty();
    }

    @Test
    void aTransactionIsUsableOnlyInsideItsWorkAndOnItsThread() throws Exception {
        AtomicReference<Transaction<String, String>> kept = new AtomicReference<>();
        try (TransactionalProducer<String, String> payments = producer("misuse-")) {
            payments.inTransaction(tx -> {
                kept.set(tx);
                Throwable fromAnotherThread = CompletableFuture.supplyAsync(() -> catchThrowable(
                        () -> tx.send("tx-misuse", "from another thread"))).join();
                assertThat(fromAnotherThread).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("belongs to thread");
                assertThatThrownBy(() -> payments.inTransaction(nested -> null))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not nest");
                tx.send("tx-misuse", "inside");
                return null;
            });
            assertThatThrownBy(() -> kept.get().send("tx-misuse", "afterwards"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("this transaction is over");
            assertThatThrownBy(() -> kept.get().sendOffsets(Map.of(), null))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> payments.inTransaction(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> payments.inTransaction(tx -> {
                tx.send(null, "v");
                return null;
            })).isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
        }
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-misuse")).containsExactly("inside");
    }

    @Test
    void aTransactionThatFindsNoFreeClientWithinTheAcquisitionTimeoutFailsClearly() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (TransactionalProducer<String, String> single = producer("single-", ProducerOptions.withPoolSize(1),
                ProducerOptions.withAcquisitionTimeout(Duration.ofMillis(300)))) {
            Future<?> first = thread.submit(() -> single.inTransaction(tx -> {
                tx.send("tx-single", "first");
                holding.countDown();
                await(release);
                return null;
            }));
            assertThat(holding.await(1, TimeUnit.MINUTES)).isTrue();
            ProducerException error = catchThrowableOfType(ProducerException.class,
                    () -> single.inTransaction(tx -> null));
            assertThat(error.getMessage()).contains("no Kafka client was free within acquisition-timeout (300 ms)",
                    "pool-size");
            release.countDown();
            first.get(1, TimeUnit.MINUTES);
            single.inTransaction(tx -> {
                tx.send("tx-single", "second");
                return null;
            });
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-single")).containsExactly("first", "second");
    }

    @Test
    void aClosedProducerRefusesTransactions() {
        TransactionalProducer<String, String> closed = producer("closed-");
        closed.close();
        assertThatThrownBy(() -> closed.inTransaction(tx -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new AssertionError("not released within 1 minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Counts the records measured, by topic and success. */
    static final class Measures implements ProducerTelemetry {
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        final Set<ProducerType> types = ConcurrentHashMap.newKeySet();

        @Override
        public void collectWriteLatency(String serviceName, Duration duration, String topic, int partition,
                ProducerType type, String clientId, boolean success) {
            counts.computeIfAbsent(topic + "/" + success, k -> new LongAdder()).increment();
            types.add(type);
        }

        @Override
        public void collectWriteSize(String serviceName, int size, String topic, int partition, ProducerType type,
                String clientId, boolean success) {
        }

        long count(String topic, boolean success) {
            LongAdder count = counts.get(topic + "/" + success);
            return count == null ? 0 : count.sum();
        }
    }
}
