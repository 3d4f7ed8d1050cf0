package io.quarkiverse.kafkaproducer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkiverse.kafkaproducer.broker.KafkaCluster;

/**
 * A real single-node broker of one test class's own, started before its first test and stopped after its last:
 * {@code @RegisterExtension static final ClassBroker broker = new ClassBroker(3);}. Of its own, so that a test may
 * kill, freeze or stop it without touching another class's broker.
 */
public final class ClassBroker implements BeforeAllCallback, AfterAllCallback {

    private final int partitions;
    private KafkaCluster cluster;

    /** @param partitions the default partition count of topics the broker creates */
    public ClassBroker(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = KafkaCluster.builder().partitions(partitions).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }
}
