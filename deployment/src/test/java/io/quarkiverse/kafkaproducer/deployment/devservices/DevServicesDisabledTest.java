package io.quarkiverse.kafkaproducer.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class DevServicesDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(DevServicesProbe.class))
            // a random HTTP port: these tests need none, and a fixed one collides with builds running in parallel
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false")
            .addBuildChainCustomizer(DevServicesProbe.recordDevService());

    @ConfigProperty(name = DevServicesProbe.PROPERTY)
    boolean devServiceProduced;

    @Test
    void noBrokerIsStarted() {
        assertThat(devServiceProduced).isFalse();
    }
}
