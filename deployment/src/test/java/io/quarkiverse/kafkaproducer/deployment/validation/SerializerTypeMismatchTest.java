package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

class SerializerTypeMismatchTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .withApplicationRoot(jar -> jar.addClasses(Client.class, NoBroker.class))
            .overrideConfigKey("quarkus.kafka-producer.async.\"clicks\".value-serializer",
                    "org.apache.kafka.common.serialization.LongSerializer")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.async.\"clicks\".value-serializer")
                    .hasMessageContaining("serializes java.lang.Long")
                    .hasMessageContaining("declares the value type java.lang.String")
                    .hasMessageContaining(Client.class.getName() + "#clicks"));

    @ApplicationScoped
    static class Client {
        @Inject
        @Identifier("clicks")
        AsyncProducer<String, String> clicks;
    }

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
