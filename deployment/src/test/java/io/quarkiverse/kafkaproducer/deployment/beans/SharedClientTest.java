package io.quarkiverse.kafkaproducer.deployment.beans;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/** One Kafka client per producer type and name, whatever the key and value types of the injection points. */
class SharedClientTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:1")
            .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false");

    @Inject
    SyncProducer<String, String> strings;

    @Inject
    SyncProducer<byte[], byte[]> bytes;

    @Inject
    SyncProducer<Long, Payment> payments;

    @Inject
    @Identifier("audit")
    SyncProducer<String, String> audit;

    @Inject
    AsyncProducer<String, String> async;

    @Inject
    ProducerRegistry registry;

    record Payment(String id, long cents) {
    }

    @Test
    void injectionPointsOfOneNameShareOneClient() {
        // touch every bean so that each is created
        assertThat(strings.name()).isEqualTo("default");
        assertThat(bytes.name()).isEqualTo("default");
        assertThat(payments.name()).isEqualTo("default");
        assertThat(audit.name()).isEqualTo("audit");
        assertThat(async.name()).isEqualTo("default");

        assertThat(registry.kafkaClients()).containsOnlyKeys("sync/default", "sync/audit", "async/default");
    }
}
