package io.quarkiverse.kafkaproducer.runtime.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;
import io.quarkiverse.kafkaproducer.runtime.telemetry.NoTelemetry;

/** What a real broker cannot be made to do on demand: a commit whose outcome is unknown, a client that cannot start. */
class TransactionalEngineTest {

    private final List<MockProducer<byte[], byte[]>> clients = new CopyOnWriteArrayList<>();
    private final List<Producer<?, ?>> clientEvents = new CopyOnWriteArrayList<>();
    private final List<ProducerException> errors = new CopyOnWriteArrayList<>();
    /** How many of the next clients fail to initialize their transactions. */
    private volatile int initFailures;

    private TransactionalEngine engine() {
        ProducerSettings settings = new ProducerSettings("ledger", ProducerType.TRANSACTIONAL)
                .serviceName("shop")
                .baseConfig(Map.of("bootstrap.servers", "127.0.0.1:1"))
                .transactionalIdPrefix("shop-ledger-")
                .poolSize(1)
                .telemetry(NoTelemetry.INSTANCE)
                .errorLogger(errors::add);
        return TransactionalEngine.start(settings, clientEvents::add, config -> {
            assertThat(config).containsEntry("transactional.id", "shop-ledger-0")
                    .containsEntry("client.id", "shop-ledger-transactional-0");
            MockProducer<byte[], byte[]> client = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            if (initFailures > 0) {
                initFailures--;
                client.initTransactionException = new TimeoutException("Timeout expired after 40000ms while "
                        + "awaiting InitProducerId");
            }
            clients.add(client);
            return client;
        });
    }

    private static ProducerRecord<byte[], byte[]> record() {
        return new ProducerRecord<>("ledger", "k".getBytes(), "v".getBytes());
    }

    @Test
    void aCommitThatTimedOutSaysItsOutcomeIsUnknownAndTheClientIsReplaced() {
        TransactionalEngine engine = engine();
        engine.inTransaction(tx -> {
            tx.send(record());
            return null;
        });
        assertThat(clients).hasSize(1);
        clients.get(0).commitTransactionException = new TimeoutException("Timeout expired after 40000ms");

        ProducerException unknown = catchThrowableOfType(ProducerException.class, () -> engine.inTransaction(tx -> {
            tx.send(record());
            return null;
        }));
        assertThat(unknown.getMessage()).contains("the commit's outcome is unknown", "may be visible",
                "make the work idempotent");
        assertThat(unknown).hasCauseInstanceOf(TimeoutException.class);
        assertThat(errors).containsExactly(unknown);
        assertThat(clients.get(0).closed()).as("a client in an unknown state is not used again").isTrue();

        // the next transaction starts a client with the same transactional.id, which settles what the last one left
        engine.inTransaction(tx -> {
            tx.send(record());
            return null;
        });
        assertThat(clients).hasSize(2);
        assertThat(clients.get(1).transactionCommitted()).isTrue();
        // started and closed clients are announced to the metrics binder: bound, unbound, bound
        assertThat(clientEvents).containsExactly(clients.get(0), clients.get(0), clients.get(1));
        engine.close();
        assertThat(clients.get(1).closed()).isTrue();
    }

    @Test
    void aClientThatCannotInitializeItsTransactionsFailsTheTransactionAndFreesItsPlace() {
        TransactionalEngine engine = engine();
        initFailures = 1;
        ProducerException error = catchThrowableOfType(ProducerException.class, () -> engine.inTransaction(tx -> {
            throw new AssertionError("the work must not run");
        }));
        assertThat(error.getMessage()).contains("no transaction was started",
                "transactional.id 'shop-ledger-0' could not initialize its transactions", "InitProducerId");
        assertThat(clients.get(0).closed()).isTrue();
        assertThat(errors).containsExactly(error);

        // its place in the pool (of 1) is free again: the next transaction starts a new client
        engine.inTransaction(tx -> {
            tx.send(record());
            return null;
        });
        assertThat(clients).hasSize(2);
        assertThat(clients.get(1).transactionCommitted()).isTrue();
        engine.close();
    }

    @Test
    void aKafkaPropertyTheClientWouldRefuseFailsTheStartNotTheFirstTransaction() {
        ProducerSettings settings = new ProducerSettings("ledger", ProducerType.TRANSACTIONAL)
                .baseConfig(Map.of("bootstrap.servers", "127.0.0.1:1")).transactionalIdPrefix("shop-ledger-")
                .kafkaOverrides(Map.of("compression.type", "zip"));
        assertThatThrownBy(() -> TransactionalEngine.start(settings, clientEvents::add, config -> {
            throw new AssertionError("no client is started");
        })).isInstanceOf(ConfigException.class).hasMessageContaining("compression.type");
    }
}
