package io.quarkiverse.kafkaproducer.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Waits until brokers really serve: their process runs, their client port accepts connections, and the cluster's
 * metadata lists them, which a KRaft broker reaches only once the controller has unfenced it.
 */
final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_LINES = 40;

    private Readiness() {
    }

    /**
     * Blocks until every node of {@code awaited} is listed in the cluster metadata.
     *
     * @param running every node that should be running; if one exits, this fails at once
     * @param awaited the nodes whose registration to wait for
     * @param timeout how long to wait in all
     * @throws KafkaClusterException when a process exits or the timeout passes; it names the node, its exit code and
     *         log file, with the log's last lines
     */
    static void await(Collection<BrokerNode> running, Collection<BrokerNode> awaited, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Set<Integer> ids = awaited.stream().map(BrokerNode::id).collect(Collectors.toSet());
        Admin admin = null;
        Set<Integer> registered = Set.of();
        try {
            while (true) {
                for (BrokerNode node : running) {
                    if (!node.isAlive()) {
                        throw exited(node, System.nanoTime() - start);
                    }
                }
                // the admin client logs a warning for every refused connection: ask it only once ports are open
                if (admin == null && running.stream().allMatch(n -> Ports.accepts(n.clientPort()))) {
                    admin = createAdmin(adminConfig(running));
                }
                if (admin != null) {
                    registered = registeredNodes(admin, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    if (registered.containsAll(ids)) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut(awaited, registered, timeout);
                }
                awaitExitOrPollInterval(running);
            }
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    /**
     * Kafka loads its plugins (metrics reporters) through the context class loader; under Quarkus tests that is a
     * class loader which sees other copies of the Kafka classes, so use the one that loaded the Admin class.
     */
    private static Admin createAdmin(Map<String, Object> config) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try {
            return Admin.create(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Map<String, Object> adminConfig(Collection<BrokerNode> running) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running.stream()
                        .map(n -> Ports.HOST + ":" + n.clientPort())
                        .collect(Collectors.joining(",")),
                AdminClientConfig.CLIENT_ID_CONFIG, "kafka-cluster-readiness",
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500",
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
    }

    private static Set<Integer> registeredNodes(Admin admin, long timeoutMs) {
        int requestTimeout = (int) Math.min(timeoutMs, 2_000);
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(requestTimeout))
                    .nodes()
                    .get(requestTimeout + 500L, TimeUnit.MILLISECONDS)
                    .stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            // not ready yet: the broker may accept connections before it answers
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while waiting for the Kafka brokers to start", e);
        }
    }

    /** Waits one poll interval, returning early when a process exits so that a failure is reported at once. */
    private static void awaitExitOrPollInterval(Collection<BrokerNode> running) {
        try {
            CompletableFuture.anyOf(running.stream().map(BrokerNode::onExit).toArray(CompletableFuture[]::new))
                    .get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the usual case: nothing exited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("Interrupted while waiting for the Kafka brokers to start", e);
        }
    }

    private static KafkaClusterException exited(BrokerNode node, long elapsedNanos) {
        return new KafkaClusterException(String.format(
                "Kafka node %d exited with code %s %.1f s after it was started, before it was ready. Its log is %s;"
                        + " its last lines:%n%s",
                node.id(), node.exitCode().map(String::valueOf).orElse("?"), elapsedNanos / 1e9, node.logFile(),
                node.logTail(LOG_LINES)));
    }

    private static KafkaClusterException timedOut(Collection<BrokerNode> awaited, Set<Integer> registered,
            Duration timeout) {
        List<BrokerNode> missing = awaited.stream().filter(n -> !registered.contains(n.id())).toList();
        StringBuilder message = new StringBuilder(String.format(
                "Kafka node(s) %s not ready within %s (nodes registered: %s); they were killed.",
                missing.stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(", ")),
                timeout, registered.isEmpty() ? "none" : registered));
        for (BrokerNode node : missing) {
            message.append(String.format("%nLog of node %d: %s; its last lines:%n%s", node.id(), node.logFile(),
                    node.logTail(LOG_LINES)));
        }
        return new KafkaClusterException(message.toString());
    }
}
