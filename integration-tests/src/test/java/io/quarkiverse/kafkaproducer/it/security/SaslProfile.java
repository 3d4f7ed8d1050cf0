package io.quarkiverse.kafkaproducer.it.security;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The application against a {@link SecureCluster}, authenticated with SASL over TLS. */
public class SaslProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SecureClusterResource.class, Map.of("mode", "sasl")));
    }
}
