package io.quarkiverse.kafkaproducer.deployment.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An {@code @Alternative @Priority} bean replaces the default telemetry and error logger, and wins over a plain
 * application bean of the same type as CDI resolves alternatives.
 */
class AlternativeBeansTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Counting.class, Counting.Telemetry.class,
                    Counting.ErrorLogger.class, PlainTelemetry.class, PlainErrorLogger.class,
                    ChosenTelemetry.class, ChosenErrorLogger.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false");

    @Singleton
    public static class PlainTelemetry extends Counting.Telemetry {
    }

    @Singleton
    public static class PlainErrorLogger extends Counting.ErrorLogger {
    }

    @Alternative
    @Priority(1)
    @Singleton
    public static class ChosenTelemetry extends Counting.Telemetry {
    }

    @Alternative
    @Priority(1)
    @Singleton
    public static class ChosenErrorLogger extends Counting.ErrorLogger {
    }

    @Inject
    AsyncProducer<String, String> producer;

    @Inject
    PlainTelemetry plainTelemetry;

    @Inject
    PlainErrorLogger plainErrorLogger;

    @Inject
    ChosenTelemetry chosenTelemetry;

    @Inject
    ChosenErrorLogger chosenErrorLogger;

    @Test
    void theAlternativeServesEveryProducer() {
        String topic = "alternative-" + UUID.randomUUID();
        producer.sendMessage(topic, "k", "v");
        producer.sendMessage(topic, "k", "x".repeat(1_100_000)); // over max.request.size: fails
        producer.flush();

        assertThat(chosenTelemetry.calls("latency", ProducerType.ASYNC, topic, true)).isEqualTo(1);
        assertThat(chosenTelemetry.calls("size", ProducerType.ASYNC, topic, false)).isEqualTo(1);
        assertThat(chosenErrorLogger.errorsFor(topic)).hasSize(1);
        assertThat(plainTelemetry.callsFor(topic)).isZero();
        assertThat(plainErrorLogger.errorsFor(topic)).isEmpty();
    }
}
