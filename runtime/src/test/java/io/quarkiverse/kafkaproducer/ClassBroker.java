package io.quarkiverse.kafkaproducer;

import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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

    /** How many records the broker stored in the topic: the sum of its partitions' end offsets. */
    public long endOffsetSum(String topic) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
