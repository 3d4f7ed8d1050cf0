package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Finds, for a meter registered on a {@link CompositeMeterRegistry}, the meters its registries hold for it.
 * <p>
 * Why: Quarkus registers meters on the global composite registry, whose meters forward each record to their children
 * by walking a map of them, on the Kafka client's network thread, for every record. Recording to the children's meters
 * directly does the same work without the walk (the Performance page gives its cost). The composite created those
 * meters itself, under its own (filtered) id, so they are found by that id; where one is not found (a registry's
 * filter renamed it or dropped a tag), records go through the composite meter as before.
 */
final class CompositeChildren {

    private CompositeChildren() {
    }

    /**
     * @param composite the registry {@code meter} was registered on, or null if that one is no composite
     * @param newArray the array constructor of {@code type} ({@code Timer[]::new}): a native image cannot create
     *        arrays of a class known only at run time ({@code Array.newInstance}) without registering it
     * @return the meter of each of the composite's registries for {@code meter}; {@code meter} alone if there is no
     *         composite or one of them is not found
     */
    static <M extends Meter> M[] of(CompositeMeterRegistry composite, M meter, Class<M> type, IntFunction<M[]> newArray) {
        if (composite == null) {
            return alone(meter, newArray);
        }
        Meter.Id id = meter.getId();
        List<M> children = new ArrayList<>();
        for (MeterRegistry registry : composite.getRegistries()) {
            Meter child = registry.find(id.getName()).tags(id.getTags()).meter();
            if (!type.isInstance(child)) {
                return alone(meter, newArray);
            }
            children.add(type.cast(child));
        }
        // sized to fit: toArray copies into it, where a smaller array would be grown reflectively (Arrays.copyOf)
        return children.toArray(newArray.apply(children.size()));
    }

    private static <M extends Meter> M[] alone(M meter, IntFunction<M[]> newArray) {
        M[] array = newArray.apply(1);
        array[0] = meter;
        return array;
    }
}
