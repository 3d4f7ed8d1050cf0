package io.quarkiverse.kafkaproducer.it;

import java.util.Map;

/** A broker of its own, and a close timeout short enough that stopping under load leaves records undelivered. */
public class ShutdownProfile extends ControlledBrokerProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.kafka-producer.async.\"closing\".close-timeout", "200ms");
    }
}
