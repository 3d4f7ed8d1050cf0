package io.quarkiverse.kafkaproducer.deployment.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;

/**
 * Transactional producers are injected like the others, default and named, with JSON values and their own config
 * group; their transactional.ids derive from the application's and the producer's names; they are measured with
 * {@code type=transactional} and refuse to block an event loop. Against the Dev Services broker.
 */
class TransactionalInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.application.name", "shop")
            .overrideConfigKey("quarkus.kafka-producer.transactional.transaction-timeout", "30s")
            .overrideConfigKey("quarkus.kafka-producer.transactional.\"ledger\".pool-size", "2")
            .overrideConfigKey("quarkus.kafka-producer.transactional.\"audit\".transactional-id-prefix", "audit-eu-");

    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void addRegistry() {
        Metrics.addRegistry(REGISTRY);
    }

    @AfterAll
    static void removeRegistry() {
        Metrics.removeRegistry(REGISTRY);
    }

    record Entry(String who, long cents) {
    }

    @Inject
    TransactionalProducer<String, String> payments;

    @Inject
    @Identifier("ledger")
    TransactionalProducer<String, Entry> ledger;

    @Inject
    @Identifier("audit")
    TransactionalProducer<String, String> audit;

    @Inject
    ProducerRegistry registry;

    @Inject
    Vertx vertx;

    @Test
    void defaultAndNamedProducersCommitAndAreMeasuredAsTransactional() {
        int sent = payments.inTransaction(tx -> {
            tx.send("tx-payments", "k", "v");
            return 1;
        });
        assertThat(sent).isEqualTo(1);
        ledger.inTransaction(tx -> {
            for (int i = 0; i < 3; i++) {
                tx.send("tx-ledger", "k" + i, new Entry("w" + i, i));
            }
            return null;
        });
        audit.inTransaction(tx -> {
            tx.send("tx-audit", "seen");
            return null;
        });

        assertThat(REGISTRY.find("kafka.producer.write.latency").tag("type", "transactional")
                .tag("topic", "tx-ledger").tag("success", "true").timer().count()).isEqualTo(3);
        assertThat(REGISTRY.find("kafka.producer.write.size").tag("type", "transactional")
                .tag("topic", "tx-payments").summary().totalAmount()).isGreaterThanOrEqualTo(2); // + trace headers

        TransactionalEngine defaultEngine = registry.transactionalEngines().get("default");
        TransactionalEngine ledgerEngine = registry.transactionalEngines().get("ledger");
        assertThat(defaultEngine.transactionalIdPrefix()).isEqualTo("shop-default-");
        assertThat(ledgerEngine.transactionalIdPrefix()).isEqualTo("shop-ledger-");
        assertThat(registry.transactionalEngines().get("audit").transactionalIdPrefix()).isEqualTo("audit-eu-");
        assertThat(ledgerEngine.poolSize()).isEqualTo(2);
        assertThat(defaultEngine.poolSize()).isEqualTo(4);
        assertThat(ledgerEngine.clientId()).isEqualTo("shop-ledger-transactional");
        assertThat(ledgerEngine.kafkaConfig()).containsEntry("transaction.timeout.ms", 30000) // the default's
                .containsEntry("enable.idempotence", true).containsEntry("acks", "all");
        assertThat(registry.kafkaConfigs()).containsKeys("transactional/default", "transactional/ledger");
    }

    @Test
    void inTransactionRefusesToBlockAnEventLoop() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                payments.inTransaction(tx -> null);
                refused.complete(null);
            } catch (Throwable e) {
                refused.complete(e);
            }
        });
        assertThat(refused.get(30, TimeUnit.SECONDS)).isInstanceOf(BlockingOperationNotAllowedException.class)
                .hasMessageContaining("Kafka producer 'default' (transactional)")
                .hasMessageContaining("@RunOnVirtualThread");
    }

    @Test
    void anInjectedProducerIsClosedByTheContainer() {
        assertThatThrownBy(() -> payments.close()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed by the container");
    }
}
