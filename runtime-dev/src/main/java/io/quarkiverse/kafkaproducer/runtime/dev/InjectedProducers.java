package io.quarkiverse.kafkaproducer.runtime.dev;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.annotations.Recorder;

/**
 * What the build found at the application's injection points, for the Dev UI: the declared key and value types and
 * the serializers chosen for them, which the running producers no longer know (they hold bytes).
 */
@Recorder
public class InjectedProducers {

    private static volatile List<InjectionPoint> injectionPoints = List.of();

    /** Called by the build: one entry per distinct injection point, as {@code ProducerInjectionPointBuildItem}. */
    public void register(List<String> types, List<String> names, List<String> keyTypes, List<String> valueTypes,
            List<String> keySerializers, List<String> valueSerializers) {
        List<InjectionPoint> found = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            found.add(new InjectionPoint(types.get(i), names.get(i), keyTypes.get(i), valueTypes.get(i),
                    keySerializers.get(i), valueSerializers.get(i)));
        }
        injectionPoints = List.copyOf(found);
    }

    static List<InjectionPoint> all() {
        return injectionPoints;
    }

    /**
     * @param type the producer type's tag value, e.g. {@code sync}
     * @param keyType the declared key type's name, or {@code ?} when the injection point declares none
     * @param keySerializer the serializer's class name, or {@code json}
     */
    public record InjectionPoint(String type, String name, String keyType, String valueType, String keySerializer,
            String valueSerializer) {

        String producer() {
            return type + "/" + name;
        }
    }
}
