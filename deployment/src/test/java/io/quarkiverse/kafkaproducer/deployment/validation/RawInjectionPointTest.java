package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;

class RawInjectionPointTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .withApplicationRoot(jar -> jar.addClasses(RawClient.class, NoBroker.class))
            .assertException(e -> assertThat(e).hasMessageContaining("declares no key type")
                    .hasMessageContaining(RawClient.class.getName() + "#producer")
                    .hasMessageContaining("quarkus.kafka-producer.sync.key-serializer"));

    @ApplicationScoped
    static class RawClient {
        @SuppressWarnings("rawtypes")
        @Inject
        SyncProducer producer;
    }

    @Test
    void buildFails() {
        // the assertion is in assertException: the application must not start
    }
}
