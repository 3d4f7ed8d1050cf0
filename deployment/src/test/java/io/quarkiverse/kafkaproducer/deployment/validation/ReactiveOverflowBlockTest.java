package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A reactive producer never blocks: overflow-policy=block is refused at build, naming the key. */
class ReactiveOverflowBlockTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .overrideConfigKey("quarkus.kafka-producer.reactive.\"clicks\".overflow-policy", "block")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.reactive.\"clicks\".overflow-policy=block is not "
                            + "allowed: a reactive producer never blocks"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
