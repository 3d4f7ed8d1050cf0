package io.quarkiverse.kafkaproducer.deployment.beans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/**
 * What a native image needs is registered by build steps: GraalVM is not run here, so the build items are checked.
 */
class NativeRegistrationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(UpperCaseSerializer.class, Order.class))
            .overrideConfigKey("kafka.bootstrap.servers", "127.0.0.1:1")
            .overrideConfigKey("quarkus.kafka-producer.devservices.enabled", "false")
            .overrideConfigKey("quarkus.kafka-producer.async.\"shouting\".value-serializer",
                    UpperCaseSerializer.class.getName())
            .addBuildChainCustomizer(chain -> chain.addBuildStep(context -> {
                // the build runs in another class loader than the test, in the same JVM: hand the findings over as system
                // properties
                record(context, "reflective-classes", context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                        .flatMap(item -> item.getClassNames().stream()));
                record(context, "reflective-hierarchies", context.consumeMulti(ReflectiveHierarchyBuildItem.class)
                        .stream().map(item -> item.getType().name().toString()));
                record(context, "runtime-initialized", context.consumeMulti(RuntimeInitializedClassBuildItem.class)
                        .stream().map(RuntimeInitializedClassBuildItem::getClassName));
                context.produce(new FeatureBuildItem("native-registration-probe"));
            }).consumes(ReflectiveClassBuildItem.class).consumes(ReflectiveHierarchyBuildItem.class)
                    .consumes(RuntimeInitializedClassBuildItem.class)
                    .produces(FeatureBuildItem.class).build());

    private static void record(BuildContext context, String key, Stream<String> classNames) {
        System.setProperty("native-probe." + key, classNames.distinct().collect(Collectors.joining(",")));
    }

    private static List<String> recorded(String key) {
        return List.of(System.getProperty("native-probe." + key, "").split(","));
    }

    /** A Java record sent as JSON. */
    public record Order(String id, int quantity) {
    }

    @Inject
    SyncProducer<String, Order> orders;

    @Inject
    @Identifier("shouting")
    AsyncProducer<String, String> shouting;

    @Test
    void jsonTypesAreRegisteredForReflection() {
        assertThat(recorded("reflective-hierarchies")).contains(Order.class.getName());
        assertThat(recorded("reflective-hierarchies")).doesNotContain(String.class.getName());
    }

    @Test
    void configuredSerializerCanBeInstantiatedReflectively() {
        assertThat(recorded("reflective-classes")).contains(UpperCaseSerializer.class.getName());
    }

    @Test
    void defaultReportingIsInitializedAtRunTime() {
        assertThat(recorded("runtime-initialized"))
                .contains("io.quarkiverse.kafkaproducer.runtime.telemetry.DefaultReporting$Holder");
    }
}
