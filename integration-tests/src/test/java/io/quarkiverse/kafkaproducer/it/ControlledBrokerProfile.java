package io.quarkiverse.kafkaproducer.it;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs a test class against a {@link ControlledBroker} of its own. */
public class ControlledBrokerProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ControlledBroker.class));
    }
}
