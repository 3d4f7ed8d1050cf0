package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class InvalidRequiredAcksTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .overrideConfigKey("quarkus.kafka-producer.sync.\"payments\".required-acks", "most")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.sync.\"payments\".required-acks=most is not valid")
                    .hasMessageContaining("none, leader or all"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
