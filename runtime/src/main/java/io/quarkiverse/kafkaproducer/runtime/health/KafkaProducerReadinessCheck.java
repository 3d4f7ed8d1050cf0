package io.quarkiverse.kafkaproducer.runtime.health;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Readiness check {@code Kafka producers}: UP when every producer started so far could reach its cluster at the last
 * background check (every {@code quarkus.kafka-producer.health.interval}), with one data entry per producer,
 * {@code <type>/<name>}: {@code UP}, {@code DOWN: <exception class>} or {@code not checked yet}. It answers from those
 * cached results, so a health request never waits for Kafka, and it shows no settings, addresses or credentials.
 * <p>
 * A bean only when the application has {@code quarkus-smallrye-health} and
 * {@code quarkus.kafka-producer.health.enabled} is true (see the deployment module's health processor).
 */
@Readiness
@Singleton
public class KafkaProducerReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka producers";

    @Inject
    ProducerRegistry registry;

    @Inject
    KafkaProducerRuntimeConfig config;

    private volatile ClusterReachability reachability;

    void start(@Observes StartupEvent event) {
        reachability();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (Map.Entry<String, ClusterReachability.Answer> producer : reachability().answers().entrySet()) {
            response.withData(producer.getKey(), producer.getValue().detail());
            if (!producer.getValue().up()) {
                response.down();
            }
        }
        return response.build();
    }

    private ClusterReachability reachability() {
        ClusterReachability current = reachability;
        if (current == null) {
            synchronized (this) {
                current = reachability;
                if (current == null) {
                    current = new ClusterReachability(registry::kafkaConfigs, config.health().interval(),
                            config.health().timeout());
                    current.start();
                    reachability = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void stop() {
        ClusterReachability current = reachability;
        if (current != null) {
            current.close();
        }
    }
}
