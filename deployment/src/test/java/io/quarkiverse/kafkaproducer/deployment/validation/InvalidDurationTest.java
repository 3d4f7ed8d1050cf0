package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class InvalidDurationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .overrideConfigKey("quarkus.kafka-producer.async.delivery-timeout", "two minutes")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.async.delivery-timeout=two minutes is not valid")
                    .hasMessageContaining("duration"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
