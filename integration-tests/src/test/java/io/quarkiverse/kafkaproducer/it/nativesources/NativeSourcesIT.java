package io.quarkiverse.kafkaproducer.it.nativesources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.it.library.ShoutingSerializer;
import io.quarkiverse.kafkaproducer.it.load.FileErrorLogger;
import io.quarkiverse.kafkaproducer.it.named.Order;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LoggingProducerErrorLogger;

/**
 * What a native build of this application would be given, checked without GraalVM: the output of the
 * {@code native-sources} build of this module ({@code quarkus.native.sources-only=true}, see the pom), and of the
 * application in {@code integration-tests/opentelemetry}, which has OpenTelemetry and no health extension where this
 * one has health and no OpenTelemetry. The native image runs with {@code --link-at-build-time}: a class of ours that
 * uses an absent extension's types must not be reachable from anything generated.
 */
class NativeSourcesIT {

    private static final String READINESS_CHECK = "io.quarkiverse.kafkaproducer.runtime.health.KafkaProducerReadinessCheck";
    private static final String TRACER = "io.quarkiverse.kafkaproducer.runtime.tracing.OpenTelemetrySendTracer";

    private static final NativeSources APPLICATION = NativeSources.read(directory("native-sources.directory"));
    private static final NativeSources WITH_OPENTELEMETRY = NativeSources
            .read(directory("native-sources.opentelemetry.directory"));

    @Test
    void configuredSerializerCanBeCreatedByItsName() {
        assertThat(APPLICATION.reflection(ShoutingSerializer.class.getName()))
                .hasValueSatisfying(type -> assertThat(flag(type, "allDeclaredConstructors")).isTrue());
    }

    @Test
    void jsonRecordTypesAreRegisteredWithTheRecordTypesTheyHold() {
        for (Class<?> type : new Class<?>[] { Order.class, Order.Line.class }) {
            assertThat(APPLICATION.reflection(type.getName())).as(type.getName()).hasValueSatisfying(config -> {
                assertThat(flag(config, "allDeclaredConstructors")).isTrue();
                assertThat(flag(config, "allDeclaredMethods")).isTrue();
                assertThat(flag(config, "allDeclaredFields")).isTrue();
            });
        }
    }

    @Test
    void errorLoggersCanBeAskedForTheirMethods() {
        for (Class<?> type : new Class<?>[] { ProducerErrorLogger.class, FileErrorLogger.class,
                LoggingProducerErrorLogger.class }) {
            assertThat(APPLICATION.reflection(type.getName())).as(type.getName())
                    .hasValueSatisfying(config -> assertThat(flag(config, "allDeclaredMethods")).isTrue());
        }
    }

    @Test
    void factoryReportingIsInitializedAtRunTime() {
        assertThat(APPLICATION.arguments()).anySatisfy(argument -> assertThat(argument)
                .startsWith("--features=").contains("io.quarkus.runner.Feature"));
        assertThat(APPLICATION.initializedAtRunTime("io.quarkiverse.kafkaproducer.runtime.telemetry.DefaultReporting$Holder"))
                .isTrue();
    }

    @Test
    void readinessCheckIsInTheImageExactlyWhenTheHealthExtensionIs() {
        assertThat(APPLICATION.entriesNaming(READINESS_CHECK)).isNotEmpty();
        assertThat(APPLICATION.reflection(READINESS_CHECK)).isPresent();
        assertThat(WITH_OPENTELEMETRY.entriesNaming(READINESS_CHECK)).isEmpty();
    }

    @Test
    void tracerIsInTheImageExactlyWhenOpenTelemetryIs() {
        assertThat(WITH_OPENTELEMETRY.entriesNaming(TRACER)).isNotEmpty();
        assertThat(APPLICATION.entriesNaming(TRACER)).isEmpty();
    }

    private static boolean flag(JsonNode type, String name) {
        return type.path(name).asBoolean(false);
    }

    private static Path directory(String property) {
        String directory = System.getProperty(property);
        assertThat(directory).as("system property %s, set by failsafe", property).isNotNull();
        return Path.of(directory);
    }
}
