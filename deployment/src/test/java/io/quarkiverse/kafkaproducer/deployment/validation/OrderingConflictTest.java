package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;

/** Settings that would break the sync producer's ordering are refused when the application starts. */
class OrderingConflictTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .withApplicationRoot(jar -> jar.addClasses(Client.class, NoBroker.class))
            .overrideConfigKey("quarkus.kafka-producer.sync.required-acks", "leader")
            .overrideConfigKey("quarkus.kafka-producer.sync.kafka.\"max.in.flight.requests.per.connection\"", "5")
            .assertException(e -> assertThat(allMessages(e))
                    .contains("max.in.flight.requests.per.connection")
                    .contains("idempotence"));

    private static String allMessages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @ApplicationScoped
    static class Client {
        @Inject
        SyncProducer<String, String> producer;
    }

    @Test
    void startFails() {
        // the assertion is in assertException
    }
}
