package io.quarkiverse.kafkaproducer.it.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.it.RecordingErrorLogger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Injected producers against a broker with SASL over TLS and ACLs ({@link SecureCluster}): SCRAM-SHA-512 and PLAIN
 * users deliver; a wrong password fails fast with an authentication error; a topic the user may not write fails with
 * {@code TopicAuthorizationException}; a user who may write no topic at all gets an explanation. Last, no secret and no
 * record value appears in the logs, standard output, exception messages, health output or metrics.
 */
@QuarkusTest
@TestProfile(SaslProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SaslAclTest {

    private static final Logger LOG = Logger.getLogger(SaslAclTest.class);
    /** "Quickly": far below the default delivery timeout of 2 minutes that a silent retry loop would take. */
    private static final Duration QUICKLY = Duration.ofSeconds(15);
    private static final String VALUE_PREFIX = "record-value-" + UUID.randomUUID() + "-";
    /** Every exception the tests saw, printed with its stack trace, for the secret check. */
    private static final List<String> PRINTED = new CopyOnWriteArrayList<>();

    /** alice, SCRAM-SHA-512, from the global kafka.* settings */
    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    /** paul, PLAIN */
    @Inject
    @Identifier("plain")
    SyncProducer<String, String> plain;

    /** alice with a wrong password */
    @Inject
    @Identifier("wrong-password")
    SyncProducer<String, String> wrongSync;

    @Inject
    @Identifier("wrong-password")
    AsyncProducer<String, String> wrongAsync;

    /** alice, with a trust store that does not hold the broker's certificate */
    @Inject
    @Identifier("untrusted")
    SyncProducer<String, String> untrusted;

    /** dora, who may describe the allowed topics but write none */
    @Inject
    @Identifier("describe-only")
    SyncProducer<String, String> describeOnly;

    @Inject
    RecordingErrorLogger errors;

    @AfterAll
    static void forget() {
        PRINTED.clear();
    }

    @Test
    @Order(1)
    void scramAndPlainUsersDeliverOverSaslSsl() {
        String topic = SecureCluster.ALLOWED_TOPIC;
        assertThat(sync.sendMessage(topic, "k", VALUE_PREFIX + "scram-sync").topic()).isEqualTo(topic);
        async.sendMessage(topic, "k", VALUE_PREFIX + "scram-async");
        async.flush();
        assertThat(plain.sendMessage(topic, "k", VALUE_PREFIX + "plain-sync").offset()).isGreaterThanOrEqualTo(0);

        try (KafkaCompanion companion = new KafkaCompanion(cluster().plainBootstrapServers())) {
            assertThat(companion.consumeStrings().fromTopics(topic, 3).awaitCompletion(Duration.ofSeconds(30))
                    .getRecords()).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(
                            VALUE_PREFIX + "scram-sync", VALUE_PREFIX + "scram-async", VALUE_PREFIX + "plain-sync");
        }
        assertThat(errors.errorsFor(topic)).isEmpty();
    }

    @Test
    @Order(2)
    void wrongPasswordFailsQuicklyWithAnAuthenticationError() {
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> wrongSync.sendMessage(SecureCluster.ALLOWED_TOPIC, "k", VALUE_PREFIX + "wrong"))
                    .isInstanceOfSatisfying(ProducerException.class, e -> {
                        remember(e);
                        assertThat(e.producerName()).isEqualTo("wrong-password");
                        assertThat(e.isRetriable()).isFalse();
                        assertThat(e).hasCauseInstanceOf(AuthenticationException.class);
                        assertThat(e.getMessage()).contains("Authentication failed", "SCRAM-SHA-512");
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.infof("wrong password, sync call %d failed after %d ms", i, took.toMillis());
            assertThat(took).isLessThan(QUICKLY);
        }

        String topic = SecureCluster.ALLOWED_TOPIC;
        int before = errors.errorsFor(topic).size();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            wrongAsync.sendMessage(topic, "k", VALUE_PREFIX + "wrong-async");
        }
        await("every async record reported").atMost(QUICKLY).until(() -> errors.errorsFor(topic).size() >= before + 50);
        LOG.infof("wrong password, 50 async records reported after %d ms",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        List<ProducerException> reported = errors.errorsFor(topic).subList(before, before + 50);
        assertThat(reported).allSatisfy(e -> {
            assertThat(e.producerName()).isEqualTo("wrong-password");
            assertThat(e).hasCauseInstanceOf(AuthenticationException.class);
        });
        reported.forEach(SaslAclTest::remember);
    }

    @Test
    @Order(2)
    void untrustedBrokerCertificateFailsQuicklyWithAnSslError() {
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> untrusted.sendMessage(SecureCluster.ALLOWED_TOPIC, "k", VALUE_PREFIX + "untrusted"))
                    .isInstanceOfSatisfying(ProducerException.class, e -> {
                        remember(e);
                        assertThat(e.isRetriable()).isFalse();
                        assertThat(e).hasCauseInstanceOf(SslAuthenticationException.class);
                        assertThat(e.getMessage()).contains("SSL handshake failed");
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.infof("untrusted certificate, sync call %d failed after %d ms", i, took.toMillis());
            assertThat(took).isLessThan(QUICKLY);
        }
    }

    @Test
    @Order(3)
    void topicWithoutWritePermissionFailsWithTopicAuthorizationException() {
        String topic = SecureCluster.FORBIDDEN_TOPIC;
        long start = System.nanoTime();
        assertThatThrownBy(() -> sync.sendMessage(topic, "k", VALUE_PREFIX + "forbidden"))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    remember(e);
                    assertThat(e.topic()).isEqualTo(topic);
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e).hasCauseInstanceOf(TopicAuthorizationException.class);
                    assertThat(e.getMessage()).contains("topic '" + topic + "'", "Topic authorization failed");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);

        async.sendMessage(topic, "k", VALUE_PREFIX + "forbidden-async");
        await().atMost(QUICKLY).until(() -> errors.errorsFor(topic).size() == 2); // the sync failure is reported too
        assertThat(errors.errorsFor(topic)).extracting(ProducerException::producerType)
                .containsExactly(ProducerType.SYNC, ProducerType.ASYNC);
        assertThat(errors.errorsFor(topic)).allSatisfy(e -> {
            remember(e);
            assertThat(e).hasCauseInstanceOf(TopicAuthorizationException.class);
        });
        // the same producers still write where they may
        assertThat(sync.sendMessage(SecureCluster.ALLOWED_TOPIC, "k", VALUE_PREFIX + "still-allowed").offset())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    @Order(4)
    void userWhoMayWriteNoTopicIsToldWhatPermissionIsMissing() {
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> describeOnly.sendMessage(SecureCluster.ALLOWED_TOPIC, "k", VALUE_PREFIX + "describe-only"));
        LOG.infof("describe-only user, after %d ms: %s", Duration.ofNanos(System.nanoTime() - start).toMillis(),
                printed(thrown));
        assertThat(thrown).isInstanceOfSatisfying(ProducerException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("Cluster authorization failed", "IDEMPOTENT_WRITE",
                    "WRITE on the topic");
        });
        remember(thrown);
        // the Kafka client stays in its error state, as the message says
        assertThatThrownBy(() -> describeOnly.sendMessage(SecureCluster.ALLOWED_TOPIC, "k", VALUE_PREFIX + "again"))
                .isInstanceOfSatisfying(ProducerException.class, e -> {
                    remember(e);
                    assertThat(e.getMessage()).contains("IDEMPOTENT_WRITE");
                });
    }

    @Test
    @Order(100)
    void noSecretOrRecordValueIsEverPrintedOrExposed() throws Exception {
        String health = given().get("/q/health").then().extract().asString();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String logFile = Files.readString(SecureClusterResource.logFile("sasl"));
        String output = CapturedOutput.text();
        LOG.infof("health: %s", health);
        assertThat(logFile).as("the log file").contains("Authentication failed", "Topic authorization failed",
                "IDEMPOTENT_WRITE");
        assertThat(PRINTED).as("the exceptions the tests saw").isNotEmpty();

        for (String secret : cluster().secrets()) {
            assertThat(logFile).as("log file").doesNotContain(secret);
            assertThat(output).as("standard output and error").doesNotContain(secret);
            assertThat(health).as("health output").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(PRINTED).as("exceptions").noneMatch(text -> text.contains(secret));
        }
        assertThat(logFile).as("log file").doesNotContain(VALUE_PREFIX);
        assertThat(output).as("standard output and error").doesNotContain(VALUE_PREFIX);
        assertThat(PRINTED).as("exceptions").noneMatch(text -> text.contains(VALUE_PREFIX));
        assertThat(metrics).doesNotContain(VALUE_PREFIX);
    }

    private static SecureCluster cluster() {
        return SecureClusterResource.cluster();
    }

    private static void remember(Throwable e) {
        PRINTED.add(printed(e));
    }

    private static String printed(Throwable e) {
        if (e == null) {
            return "nothing thrown";
        }
        return Utils.stackTrace(e);
    }
}
