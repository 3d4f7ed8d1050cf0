package io.quarkiverse.kafkaproducer.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class DevServicesSkippedWhenBootstrapServersSetTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(DevServicesProbe.class))
            // a random HTTP port: these tests need none, and a fixed one collides with builds running in parallel
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:9")
            .addBuildChainCustomizer(DevServicesProbe.recordDevService());

    @ConfigProperty(name = DevServicesProbe.PROPERTY)
    boolean devServiceProduced;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void noBrokerIsStarted() {
        assertThat(devServiceProduced).isFalse();
        assertThat(bootstrapServers).isEqualTo("127.0.0.1:9");
    }
}
