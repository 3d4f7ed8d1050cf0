package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A transactional producer makes its clients' transactional.ids: one set by hand is refused at build, naming the key. */
class TransactionalIdTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .overrideConfigKey("quarkus.kafka-producer.transactional.kafka.\"transactional.id\"", "mine")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.transactional.kafka.\"transactional.id\" is not "
                            + "allowed")
                    .hasMessageContaining("set transactional-id-prefix instead"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
