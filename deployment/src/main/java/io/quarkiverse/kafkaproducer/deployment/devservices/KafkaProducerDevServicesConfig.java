package io.quarkiverse.kafkaproducer.deployment.devservices;

import java.time.Duration;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Dev Services for Kafka without Docker: a real Apache Kafka broker in a JVM of its own, started in dev and test mode.
 */
@ConfigMapping(prefix = "quarkus.kafka-producer.devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface KafkaProducerDevServicesConfig {

    /**
     * Whether to start a Kafka broker in dev and test mode. It starts only when `kafka.bootstrap.servers` is not
     * configured, and hands its address to the application as `kafka.bootstrap.servers`.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether applications in dev mode on this machine share one broker, as Quarkus' container-based Dev Services do:
     * the first application starts it, the next ones with the same `service-name` use it, and it stops when the last of
     * them stops or dies. When false, each application gets a broker of its own. Tests always get a broker of their
     * own.
     */
    @WithDefault("true")
    boolean shared();

    /**
     * The name under which applications in dev mode share the broker when `shared` is true: applications with another
     * name use another broker. Letters, digits, `.`, `_` and `-`.
     */
    @WithDefault("kafka")
    String serviceName();

    /**
     * The port of the broker's client listener on 127.0.0.1. A free port is chosen when it is not set.
     */
    OptionalInt port();

    /**
     * The number of partitions of topics that the broker creates on first use (`num.partitions`).
     */
    @WithDefault("1")
    int partitions();

    /**
     * The maximum heap of the broker's JVM (`-Xmx`).
     */
    @WithDefault("512M")
    MemorySize brokerHeap();

    /**
     * How long to wait for the broker to serve clients before failing the start; the error names the broker's log.
     */
    @WithDefault("60s")
    Duration startTimeout();
}
