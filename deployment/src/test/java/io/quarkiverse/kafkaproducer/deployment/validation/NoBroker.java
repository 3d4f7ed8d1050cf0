package io.quarkiverse.kafkaproducer.deployment.validation;

import io.quarkus.test.QuarkusUnitTest;

/** These tests check the build only: no broker is started, and the producers never connect. */
final class NoBroker {

    private NoBroker() {
    }

    static QuarkusUnitTest test() {
        return new QuarkusUnitTest()
                .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:1")
                .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false");
    }
}
