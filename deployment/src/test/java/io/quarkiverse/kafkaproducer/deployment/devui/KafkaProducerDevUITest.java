package io.quarkiverse.kafkaproducer.deployment.devui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.RestAssured;

/**
 * The card's JSON-RPC back end in a dev-mode application, against the Dev Services broker: the producers with their
 * masked settings, live figures that move, recent failures, topic creation, and sends good and bad. No answer ever
 * holds a secret or a record value.
 */
class KafkaProducerDevUITest extends DevUIJsonRPCTest {

    private static final String PASSWORD = "Dev-UI-s3cr3t-password";
    /** A free port, not 8080: builds of other modules may run at the same time. */
    private static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(DevUiApp.class, DevUiApp.Order.class)
                    .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(String.join("\n",
                            // a broker of its own: shared, it would be a developer's running one
                            "quarkus.kafka-producer.devservices.shared=false",
                            "quarkus.http.port=" + PORT,
                            "quarkus.kafka-producer.sync.delivery-timeout=10s",
                            "quarkus.kafka-producer.sync.kafka.\"request.timeout.ms\"=5000",
                            "quarkus.kafka-producer.async.\"secret\".kafka.\"linger.ms\"=5",
                            // without security.protocol, the client ignores these; the Dev UI must still mask them
                            "quarkus.kafka-producer.async.\"secret\".kafka.\"sasl.jaas.config\"="
                                    + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\""
                                    + " password=\"" + PASSWORD + "\";",
                            "quarkus.kafka-producer.async.\"secret\".kafka.\"ssl.truststore.password\"=" + PASSWORD)),
                            "application.properties"));

    private final List<String> answers = new ArrayList<>();

    KafkaProducerDevUITest() {
        super("quarkus-kafka-producer", "http://localhost:" + PORT);
        RestAssured.port = PORT;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCardShowsProducersFiguresFailuresTopicsAndSends() throws Exception {
        given().post("/devui-app/send?topic=devui-sent&count=5").then().statusCode(200);
        given().post("/devui-app/factory?topic=devui-factory").then().statusCode(200);

        JsonNode producers = call("getProducers", Map.of());
        JsonNode sync = producer(producers, "sync/default");
        assertThat(sync.get("clientId").asText()).endsWith("-default-sync");
        assertThat(sync.get("types").get(0).get("valueType").asText()).isEqualTo("java.lang.String");
        assertThat(sync.get("types").get(0).get("valueSerializer").asText())
                .isEqualTo("org.apache.kafka.common.serialization.StringSerializer");
        JsonNode orders = producer(producers, "sync/orders");
        assertThat(orders.get("types").get(0).get("valueType").asText()).isEqualTo(DevUiApp.Order.class.getName());
        assertThat(orders.get("types").get(0).get("valueSerializer").asText()).isEqualTo("json");
        JsonNode secret = producer(producers, "async/secret");
        assertThat(setting(secret, "sasl.jaas.config").get("value").asText()).isEqualTo("********");
        assertThat(setting(secret, "ssl.truststore.password").get("value").asText()).isEqualTo("********");
        assertThat(setting(secret, "linger.ms").get("source").asText())
                .isEqualTo("quarkus.kafka-producer.async.\"secret\".kafka.\"linger.ms\"");
        assertThat(setting(sync, "delivery.timeout.ms").get("source").asText())
                .isEqualTo("quarkus.kafka-producer.sync.delivery-timeout");
        assertThat(setting(sync, "acks").get("source").asText()).isEqualTo("default");
        // built with KafkaProducers: listed and measured too, configured by its options
        JsonNode factory = producer(producers, "sync/factory-1");
        assertThat(factory.get("clientId").asText()).isNotBlank();
        assertThat(setting(factory, "acks").get("source").asText()).isEqualTo("KafkaProducers options, or their defaults");
        assertThat(live(call("getLive", Map.of()), "sync/factory-1").get("delivered").asLong()).isEqualTo(1);

        // live figures: what was sent, then more
        long before = live(call("getLive", Map.of()), "sync/default").get("delivered").asLong();
        assertThat(before).isEqualTo(5);
        given().post("/devui-app/send?topic=devui-sent&count=3").then().statusCode(200);
        assertThat(live(call("getLive", Map.of()), "sync/default").get("delivered").asLong()).isEqualTo(8);
        assertThat(live(call("getLive", Map.of()), "async/secret").get("delivered").asLong()).isEqualTo(2);

        // a failure reaches the list: where and why, never the value
        given().post("/devui-app/fail?topic=devui-failing").then().statusCode(200);
        JsonNode failure = call("getFailures", Map.of()).get(0);
        assertThat(failure.get("producer").asText()).isEqualTo("sync/default");
        assertThat(failure.get("topic").asText()).isEqualTo("devui-failing");
        assertThat(failure.get("partition").asInt()).isEqualTo(42);
        assertThat(failure.get("cause").asText()).isNotBlank();

        // topics: create, see with its partitions, delete
        JsonNode created = call("createTopic", Map.of("topic", "devui-created", "partitions", 3));
        assertThat(topic(created, "devui-created").get("endOffsets")).hasSize(3);
        assertThat(created.get("devServices").asBoolean()).isTrue();
        assertThat(created.get("reachable").asBoolean()).isTrue();
        assertThat(created.get("logFile").asText()).endsWith("broker-1.log");
        assertThat(topic(call("deleteTopic", Map.of("topic", "devui-created")), "devui-created")).isNull();
        assertThat(topic(call("getBroker", Map.of()), "devui-sent").get("endOffsets").get(0).asLong()).isEqualTo(8);

        // the send form: converted with the producer's own serializer, JSON mapped onto the declared type
        JsonNode good = call("send", Map.of("producer", "sync/orders", "topic", "devui-form", "key", "k-1",
                "value", "{\"id\":\"o-2\",\"total\":12.5}", "headers", "source: dev-ui"));
        assertThat(good.get("delivered").asBoolean()).as(good.toString()).isTrue();
        assertThat(good.get("topic").asText()).isEqualTo("devui-form");
        assertThat(good.get("offset").asLong()).isZero();
        JsonNode unknownField = call("send", Map.of("producer", "sync/orders", "topic", "devui-form", "key", "",
                "value", "{\"id\":\"o-3\",\"totl\":1}", "headers", ""));
        assertThat(unknownField.get("delivered").asBoolean()).isFalse();
        assertThat(unknownField.get("error").asText()).contains("field 'totl'");
        JsonNode shape = call("getShape", Map.of("producer", "sync/orders"));
        assertThat(shape.get("valueShape").asText()).contains("\"id\": String").contains("\"total\": double");

        assertThat(answers).as("the answers of the Dev UI").noneMatch(answer -> answer.contains(PASSWORD))
                .noneMatch(answer -> answer.contains(DevUiApp.VALUE));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        JsonNode answer = executeJsonRPCMethod(method, params);
        answers.add(String.valueOf(answer));
        return answer;
    }

    private static JsonNode producer(JsonNode producers, String id) {
        return required(entry(producers, "id", id), "producer " + id, producers);
    }

    private static JsonNode setting(JsonNode producer, String property) {
        return required(entry(producer.get("settings"), "property", property), "setting " + property,
                producer.get("settings"));
    }

    private static JsonNode live(JsonNode live, String producer) {
        return required(entry(live, "producer", producer), "live figures for " + producer, live);
    }

    private static JsonNode topic(JsonNode broker, String name) {
        return entry(broker.get("topics"), "name", name);
    }

    /** @return the element of a JSON array whose field has that text, or null */
    private static JsonNode entry(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.get(field).asText().equals(value)) {
                return element;
            }
        }
        return null;
    }

    private static JsonNode required(JsonNode found, String what, JsonNode in) {
        if (found == null) {
            throw new AssertionError("No " + what + " in " + in);
        }
        return found;
    }
}
