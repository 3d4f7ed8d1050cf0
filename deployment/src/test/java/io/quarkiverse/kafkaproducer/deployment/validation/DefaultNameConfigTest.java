package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Keys for a producer named "default" configure nothing that can be injected: the build says which keys do. */
class DefaultNameConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .overrideConfigKey("quarkus.kafka-producer.async.\"default\".retry-max", "3")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.async.\"default\".retry-max configures a producer "
                            + "named \"default\"")
                    .hasMessageContaining("quarkus.kafka-producer.async.retry-max"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
