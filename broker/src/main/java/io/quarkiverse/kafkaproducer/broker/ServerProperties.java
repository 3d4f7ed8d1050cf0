package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the {@code server.properties} of one combined broker and controller node of a KRaft cluster. */
final class ServerProperties {

    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private ServerProperties() {
    }

    static Map<String, String> of(BrokerNode node, List<BrokerNode> cluster, KafkaCluster.Settings settings) {
        Map<String, String> listeners = new LinkedHashMap<>();
        Map<String, String> protocols = new LinkedHashMap<>();
        listeners.put(CLIENT_LISTENER, address(node.clientPort()));
        protocols.put(CLIENT_LISTENER, "PLAINTEXT");
        settings.listeners().forEach((name, protocol) -> {
            listeners.put(name, address(node.listenerPort(name)));
            protocols.put(name, protocol);
        });
        String advertised = join(listeners);
        listeners.put(CONTROLLER_LISTENER, address(node.controllerPort()));
        protocols.put(CONTROLLER_LISTENER, "PLAINTEXT");

        int replicationFactor = settings.replicationFactor();
        String minIsr = String.valueOf(settings.minInsyncReplicas());

        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(node.id()));
        // a static quorum of every node: simple, and what a fixed-size test cluster needs
        p.put("controller.quorum.voters", cluster.stream()
                .map(n -> n.id() + "@" + address(n.controllerPort()))
                .collect(Collectors.joining(",")));
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("listeners", join(listeners));
        p.put("advertised.listeners", advertised);
        p.put("listener.security.protocol.map", protocols.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",")));
        p.put("log.dirs", node.dataDirectory().toString());

        p.put("num.partitions", String.valueOf(settings.partitions()));
        p.put("default.replication.factor", String.valueOf(replicationFactor));
        p.put("min.insync.replicas", minIsr);
        // internal topics default to replication factor 3, which a smaller cluster cannot place
        p.put("offsets.topic.replication.factor", String.valueOf(replicationFactor));
        p.put("transaction.state.log.replication.factor", String.valueOf(replicationFactor));
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicationFactor));
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        // tests and dev mode start consumer groups often: do not wait 3 s for more members to join
        p.put("group.initial.rebalance.delay.ms", "0");

        p.putAll(settings.brokerProperties());
        settings.nodeConfigurer().configure(node.id(), p);
        return p;
    }

    static void write(Map<String, String> properties, Path file) {
        StringBuilder text = new StringBuilder("# Written by ").append(KafkaCluster.class.getName()).append('\n');
        // Kafka reads this file with java.util.Properties: escape what it would interpret, e.g. in a JAAS config value
        properties.forEach((key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        if (s.startsWith(" ")) {
            // Properties drops leading white space of keys and values
            out.append('\\');
        }
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String address(int port) {
        return Ports.HOST + ":" + port;
    }

    private static String join(Map<String, String> listeners) {
        return listeners.entrySet().stream()
                .map(e -> e.getKey() + "://" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
