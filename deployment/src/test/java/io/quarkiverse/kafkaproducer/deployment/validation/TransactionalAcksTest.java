package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Transactions need acks=all: a transactional producer with required-acks=leader is refused at build. */
class TransactionalAcksTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .overrideConfigKey("quarkus.kafka-producer.transactional.\"ledger\".required-acks", "leader")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.kafka-producer.transactional.\"ledger\".required-acks=leader is "
                            + "not allowed: transactions need every in-sync replica's acknowledgement"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }
}
