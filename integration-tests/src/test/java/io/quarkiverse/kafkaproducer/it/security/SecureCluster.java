package io.quarkiverse.kafkaproducer.it.security;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.quarkiverse.kafkaproducer.it.harness.TestCluster;

/**
 * One broker with every security feature the tests need, and the secrets to reach it, all made up per run:
 * <ul>
 * <li>listener {@code TLS} (SSL, no client authentication) and listener {@code SECURE} (SASL_SSL with SCRAM-SHA-512
 * and PLAIN), both with a self-signed certificate; the plain listener stays for the brokers themselves and for the
 * tests' own admin and consumers, as a super user;</li>
 * <li>the ACL authorizer ({@code StandardAuthorizer}); user {@code alice} (SCRAM) and {@code paul} (PLAIN) may write
 * topics named {@code allowed*}; {@code dora} (SCRAM) may only describe them; nobody else may touch
 * {@code forbidden}.</li>
 * </ul>
 */
final class SecureCluster implements AutoCloseable {

    static final String ALLOWED_TOPIC = "allowed-orders";
    static final String FORBIDDEN_TOPIC = "forbidden";
    static final String TLS_LISTENER = "TLS";
    static final String SECURE_LISTENER = "SECURE";

    final String alicePassword = "alice-pw-" + UUID.randomUUID();
    final String paulPassword = "paul-pw-" + UUID.randomUUID();
    final String doraPassword = "dora-pw-" + UUID.randomUUID();
    final String wrongPassword = "wrong-pw-" + UUID.randomUUID();
    final Certificates certificates;
    final TestCluster cluster;

    private SecureCluster(Path directory) {
        certificates = Certificates.create(directory, "keystore-pw-" + UUID.randomUUID(),
                "truststore-pw-" + UUID.randomUUID());
        cluster = withKafkaClassLoader(() -> TestCluster.start("secure-" + directory.getFileName(), 1, builder -> builder
                .listener(TLS_LISTENER, "SSL")
                .listener(SECURE_LISTENER, "SASL_SSL")
                .brokerProperty("ssl.keystore.type", "PKCS12")
                .brokerProperty("ssl.keystore.location", certificates.keyStore().toAbsolutePath().toString())
                .brokerProperty("ssl.keystore.password", certificates.keyStorePassword())
                .brokerProperty("ssl.key.password", certificates.keyStorePassword())
                .brokerProperty("listener.name.secure.sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN")
                .brokerProperty("listener.name.secure.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .brokerProperty("listener.name.secure.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required user_paul=\"" + paulPassword
                                + "\";")
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // the brokers and controllers talk over the plain listeners, as ANONYMOUS
                .brokerProperty("super.users", "User:ANONYMOUS")
                .brokerProperty("auto.create.topics.enable", "false")));
        try {
            withKafkaClassLoader(this::createUsersTopicsAndAcls);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    static SecureCluster start(Path directory) {
        return new SecureCluster(directory);
    }

    /** The plain listener: a super user, for the tests' own checks. */
    String plainBootstrapServers() {
        return cluster.bootstrapServers();
    }

    String bootstrapServers(String listener) {
        return cluster.cluster().bootstrapServers(listener);
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** Client settings for the SECURE listener as {@code user} with SCRAM-SHA-512, trusting the broker. */
    Map<String, Object> scramClient(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(SECURE_LISTENER));
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.trustStore().toAbsolutePath().toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, certificates.trustStorePassword());
        return config;
    }

    /** Every secret of this cluster: none may appear in logs, messages, health output or metrics. */
    List<String> secrets() {
        return List.of(alicePassword, paulPassword, doraPassword, wrongPassword, certificates.keyStorePassword(),
                certificates.trustStorePassword());
    }

    @Override
    public void close() {
        cluster.close();
    }

    private Void createUsersTopicsAndAcls() {
        Admin admin = cluster.admin();
        try {
            admin.alterUserScramCredentials(List.of(
                    new UserScramCredentialUpsertion("alice", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            alicePassword),
                    new UserScramCredentialUpsertion("dora", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            doraPassword)))
                    .all().get(30, TimeUnit.SECONDS);
            admin.createTopics(List.of(new NewTopic(ALLOWED_TOPIC, 1, (short) 1), new NewTopic(FORBIDDEN_TOPIC, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            ResourcePattern allowed = new ResourcePattern(ResourceType.TOPIC, "allowed", PatternType.PREFIXED);
            admin.createAcls(List.of(
                    new AclBinding(allowed, new AccessControlEntry("User:alice", "*", AclOperation.WRITE,
                            AclPermissionType.ALLOW)),
                    new AclBinding(allowed, new AccessControlEntry("User:paul", "*", AclOperation.WRITE,
                            AclPermissionType.ALLOW)),
                    new AclBinding(allowed, new AccessControlEntry("User:dora", "*", AclOperation.DESCRIBE,
                            AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot set up users, topics and ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // SCRAM credentials reach the broker's cache asynchronously: wait until alice can log in
        Map<String, Object> alice = scramClient("alice", alicePassword);
        alice.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        alice.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin asAlice = Admin.create(alice)) {
            await("alice can log in").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> asAlice.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1);
        }
        return null;
    }

    /**
     * Kafka loads its plugins (login modules, metrics reporters) through the context class loader; under Quarkus tests
     * that one sees other copies of the Kafka classes.
     */
    private static <T> T withKafkaClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
