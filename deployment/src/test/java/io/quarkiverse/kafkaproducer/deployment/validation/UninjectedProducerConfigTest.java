package io.quarkiverse.kafkaproducer.deployment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

class UninjectedProducerConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoBroker.test()
            .withApplicationRoot(jar -> jar.addClasses(Client.class, NoBroker.class))
            .overrideConfigKey("quarkus.kafka-producer.sync.\"payments\".retry-max", "3")
            .overrideConfigKey("quarkus.kafka-producer.sync.\"paymnets\".retry-max", "3")
            .setLogRecordPredicate(r -> r.getLevel().equals(Level.WARNING))
            .assertLogRecords(records -> assertThat(records)
                    .extracting(r -> new PatternFormatter("%s").format(r))
                    .anySatisfy(m -> assertThat(m).contains("paymnets").contains("nothing injects"))
                    .noneSatisfy(m -> assertThat(m).contains("\"payments\"")));

    @ApplicationScoped
    static class Client {
        @Inject
        @Identifier("payments")
        SyncProducer<String, String> payments;
    }

    @Test
    void applicationStartsAndWarnsAboutTheMisspelledName() {
        // the assertions are in assertLogRecords
    }
}
