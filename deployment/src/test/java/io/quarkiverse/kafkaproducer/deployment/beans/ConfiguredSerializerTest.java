package io.quarkiverse.kafkaproducer.deployment.beans;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/** With serializers configured, an injection point may leave out the type arguments. */
class ConfiguredSerializerTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(UpperCaseSerializer.class))
            .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:1")
            .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false")
            .overrideConfigKey("quarkus.kafka-producer.sync.\"raw\".key-serializer",
                    "org.apache.kafka.common.serialization.StringSerializer")
            .overrideConfigKey("quarkus.kafka-producer.sync.\"raw\".value-serializer", UpperCaseSerializer.class.getName());

    @SuppressWarnings("rawtypes")
    @Inject
    @Identifier("raw")
    SyncProducer raw;

    @Test
    void rawInjectionPointGetsTheConfiguredSerializers() {
        assertThat(raw.name()).isEqualTo("raw");
    }
}
