package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/**
 * {@code @Identifier("default")} would be a second producer with the default producer's name, client id and readiness
 * entry: the build refuses it and says what to do.
 */
class DefaultNameTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .withApplicationRoot(jar -> jar.addClass(Orders.class))
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("qualified with @Identifier(\"default\"), the name of the sync producer "
                            + "injected without @Identifier")
                    .hasMessageContaining(Orders.class.getName()));

    @ApplicationScoped
    static class Orders {
        @Inject
        @Identifier("default")
        SyncProducer<String, String> producer;
    }

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
