package io.quarkiverse.kafkaproducer.it.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link SecureCluster} before the application and points the application at it, in one of two ways
 * ({@code mode}): {@code sasl}, the {@code SECURE} listener with SCRAM-SHA-512 as {@code alice} and a trust store
 * given by the {@code kafka.ssl.truststore.*} properties, plus named producers with other credentials; or
 * {@code tls-registry}, the {@code TLS} listener trusted through Quarkus' TLS registry
 * ({@code kafka.tls-configuration-name}). Every log line goes to {@code target/security-<mode>.log} as well, and
 * standard output and error are captured, for the secret checks.
 */
public class SecureClusterResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SecureCluster cluster;
    private String mode;

    @Override
    public void init(Map<String, String> initArgs) {
        mode = initArgs.getOrDefault("mode", "sasl");
    }

    @Override
    public Map<String, String> start() {
        CapturedOutput.install();
        SecureCluster started = SecureCluster.start(Path.of("target", "security", mode));
        cluster = started;
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", logFile(mode).toString());
        config.put("quarkus.log.category.\"io.quarkiverse.kafkaproducer\".level", "DEBUG");
        String trustStore = started.certificates.trustStore().toAbsolutePath().toString();
        String trustStorePassword = started.certificates.trustStorePassword();
        if (mode.equals("tls-registry")) {
            config.put("kafka.bootstrap.servers", started.bootstrapServers(SecureCluster.TLS_LISTENER));
            config.put("kafka.security.protocol", "SSL");
            config.put("kafka.tls-configuration-name", "kafka-tls");
            config.put("quarkus.tls.kafka-tls.trust-store.p12.path", trustStore);
            config.put("quarkus.tls.kafka-tls.trust-store.p12.password", trustStorePassword);
            return config;
        }
        config.put("kafka.bootstrap.servers", started.bootstrapServers(SecureCluster.SECURE_LISTENER));
        config.put("kafka.security.protocol", "SASL_SSL");
        config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        config.put("kafka.sasl.jaas.config", SecureCluster.scramJaas("alice", started.alicePassword));
        config.put("kafka.ssl.truststore.type", "PKCS12");
        config.put("kafka.ssl.truststore.location", trustStore);
        config.put("kafka.ssl.truststore.password", trustStorePassword);
        for (String type : new String[] { "sync", "async" }) {
            config.put("quarkus.kafka-producer." + type + ".\"wrong-password\".kafka.\"sasl.jaas.config\"",
                    SecureCluster.scramJaas("alice", started.wrongPassword));
        }
        config.put("quarkus.kafka-producer.sync.\"plain\".kafka.\"sasl.mechanism\"", "PLAIN");
        config.put("quarkus.kafka-producer.sync.\"plain\".kafka.\"sasl.jaas.config\"",
                SecureCluster.plainJaas("paul", started.paulPassword));
        config.put("quarkus.kafka-producer.sync.\"describe-only\".kafka.\"sasl.jaas.config\"",
                SecureCluster.scramJaas("dora", started.doraPassword));
        config.put("quarkus.kafka-producer.sync.\"untrusted\".kafka.\"ssl.truststore.location\"",
                started.certificates.otherTrustStore().toAbsolutePath().toString());
        // give up on records quickly: what the security tests expect is fast anyway
        config.put("quarkus.kafka-producer.sync.\"describe-only\".delivery-timeout", "10s");
        config.put("quarkus.kafka-producer.sync.\"describe-only\".kafka.\"request.timeout.ms\"", "5000");
        return config;
    }

    @Override
    public void stop() {
        SecureCluster current = cluster;
        cluster = null;
        if (current != null) {
            current.close();
        }
    }

    static SecureCluster cluster() {
        return cluster;
    }

    static Path logFile(String mode) {
        return Path.of("target", "security-" + mode + ".log").toAbsolutePath();
    }
}
