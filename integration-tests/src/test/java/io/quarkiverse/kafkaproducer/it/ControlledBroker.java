package io.quarkiverse.kafkaproducer.it;

import java.nio.file.Path;
import java.util.Map;

import io.quarkiverse.kafkaproducer.broker.KafkaCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A one-broker cluster that fault tests stop and start at will; the Dev Services broker is shared by all other tests
 * and must not be touched. Setting {@code kafka.bootstrap.servers} turns the Dev Service off for these tests.
 */
public class ControlledBroker implements QuarkusTestResourceLifecycleManager {

    static final int NODE = 1;
    private static volatile KafkaCluster cluster;

    @Override
    public Map<String, String> start() {
        cluster = KafkaCluster.builder()
                .brokers(1)
                .partitions(2)
                .logDirectory(Path.of("target", "controlled-broker"))
                .build()
                .start();
        return Map.of("kafka.bootstrap.servers", cluster.bootstrapServers());
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    static KafkaCluster cluster() {
        return cluster;
    }

    /** Starts the broker again if a test stopped it, so that the next test finds it serving. */
    static void ensureRunning() {
        if (!cluster.isRunning(NODE)) {
            cluster.restart(NODE);
        }
    }
}
