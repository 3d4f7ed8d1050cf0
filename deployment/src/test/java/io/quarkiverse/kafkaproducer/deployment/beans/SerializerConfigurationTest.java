package io.quarkiverse.kafkaproducer.deployment.beans;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/**
 * A configured serializer sees its producer's own effective properties (so that a schema registry serializer finds
 * {@code schema.registry.url} set for that producer only), and is closed with the producer when the application stops.
 */
class SerializerConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(RecordingSerializer.class))
            .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:1")
            .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false")
            .overrideConfigKey("kafka.compression.type", "lz4")
            .overrideConfigKey("quarkus.kafka-producer.sync.\"payments\".value-serializer",
                    RecordingSerializer.class.getName())
            .overrideConfigKey("quarkus.kafka-producer.sync.\"payments\".kafka.\"schema.registry.url\"",
                    "http://registry:8081")
            .setBeforeAllCustomizer(() -> RecordingSerializer.CLOSED.toFile().delete())
            .setAfterUndeployListener(() -> assertThat(RecordingSerializer.closed())
                    .as("closed with the producer at shutdown").isEqualTo(1));

    @Inject
    @Identifier("payments")
    SyncProducer<String, String> payments;

    @Test
    void theSerializerIsConfiguredWithItsProducersEffectiveProperties() {
        assertThat(payments.name()).isEqualTo("payments");
        assertThat(RecordingSerializer.CONFIGURED).singleElement().satisfies(configs -> assertThat(configs)
                .containsEntry("schema.registry.url", "http://registry:8081") // the producer's own key
                .containsEntry("compression.type", "lz4") // the global kafka.* configuration
                .containsEntry("bootstrap.servers", "127.0.0.1:1")
                .hasEntrySatisfying("client.id", id -> assertThat(id).asString().endsWith("-payments-sync")));
        assertThat(RecordingSerializer.closed()).isZero();
    }
}
