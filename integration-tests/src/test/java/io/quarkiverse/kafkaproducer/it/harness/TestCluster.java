package io.quarkiverse.kafkaproducer.it.harness;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;

import io.quarkiverse.kafkaproducer.broker.KafkaCluster;
import io.quarkiverse.kafkaproducer.broker.KafkaClusterException;

/**
 * A {@link KafkaCluster} of several brokers for fault tests, with an admin client and waits on replication state.
 * <p>
 * Brokers detect a dead peer within about 3 s (the default is 9 s), which keeps fault tests short. Logs go to
 * {@code target/test-cluster/<name>/}. Waits use Awaitility and fail with the condition that did not hold.
 */
public final class TestCluster implements AutoCloseable {

    /** How long waits on the cluster last before they fail: long enough for a broker restart on 2 busy cores. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaCluster cluster;
    private final Admin admin;

    private TestCluster(KafkaCluster cluster) {
        this.cluster = cluster;
        // short timeouts: a request to a killed broker must not hold a test for the default minute
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /**
     * Starts a cluster and blocks until every broker serves.
     *
     * @param name names the log directory, {@code target/test-cluster/<name>}
     * @param brokers the number of brokers
     */
    public static TestCluster start(String name, int brokers) {
        return start(name, brokers, builder -> {
        });
    }

    /**
     * Starts a cluster and blocks until every broker serves.
     *
     * @param customizer changes the builder before the start, e.g. to add a listener or broker properties
     */
    public static TestCluster start(String name, int brokers, Consumer<KafkaCluster.Builder> customizer) {
        KafkaCluster.Builder builder = KafkaCluster.builder()
                .brokers(brokers)
                .logDirectory(Path.of("target", "test-cluster", name))
                .brokerProperty("broker.heartbeat.interval.ms", "500")
                .brokerProperty("broker.session.timeout.ms", "3000");
        customizer.accept(builder);
        KafkaCluster cluster;
        try {
            cluster = builder.build().start();
        } catch (KafkaClusterException e) {
            if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw e;
            }
            // The free ports the launcher picked are ephemeral ports: on a busy machine, an outgoing connection may take
            // one before the broker binds it. Other free ports, once more.
            cluster = builder.build().start();
        }
        try {
            return new TestCluster(cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the launcher, to kill, pause, stop or restart brokers */
    public KafkaCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** @return an admin client of this cluster, closed with it */
    public Admin admin() {
        return admin;
    }

    /**
     * Creates a topic and blocks until every partition has a leader and a full ISR.
     */
    public void createTopic(String topic, int partitions, int replicationFactor, int minInsyncReplicas) {
        NewTopic newTopic = new NewTopic(topic, partitions, (short) replicationFactor)
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas)));
        get("create topic " + topic, admin.createTopics(List.of(newTopic)).all());
        for (int partition = 0; partition < partitions; partition++) {
            awaitIsr(topic, partition, replicationFactor);
        }
    }

    /** @return the id of the partition's leader, or -1 while it has none */
    public int leaderOf(String topic, int partition) {
        Node leader = describe(topic, partition).leader();
        return leader == null ? -1 : leader.id();
    }

    /** @return the ids of the partition's in-sync replicas */
    public Set<Integer> isr(String topic, int partition) {
        return describe(topic, partition).isr().stream().map(Node::id).collect(Collectors.toSet());
    }

    /** Blocks until the partition has exactly {@code size} in-sync replicas. */
    public void awaitIsr(String topic, int partition, int size) {
        await("ISR of " + topic + "-" + partition + " has " + size + " replicas")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> isr(topic, partition).size() == size);
    }

    /** Blocks until the partition has a leader other than {@code formerLeader}, and returns it. */
    public int awaitNewLeader(String topic, int partition, int formerLeader) {
        return await("a leader of " + topic + "-" + partition + " other than node " + formerLeader)
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> leaderOf(topic, partition), leader -> leader != -1 && leader != formerLeader);
    }

    /** Closes the admin client and the cluster: every broker is killed and the data deleted. */
    @Override
    public void close() {
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            cluster.close();
        }
    }

    private TopicPartitionInfo describe(String topic, int partition) {
        TopicDescription description = get("describe topic " + topic,
                admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        return description.partitions().get(partition);
    }

    private static <T> T get(String what, org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot " + what + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }
}
