package io.quarkiverse.kafkaproducer.runtime.telemetry;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Finds, for a meter registered on a {@link CompositeMeterRegistry}, the meters its registries hold for it.
 * <p>
 * Why: Quarkus registers meters on the global composite registry, whose meters forward each record to their children
 * by walking a map of them. At a million records per second, measured with JFR, that walk was a third of the
 * telemetry's cost on the Kafka client's network thread. Recording to the children's meters directly does the same
 * work without it. The composite created those meters itself, under its own (filtered) id, so they are found by that
 * id; where one is not found (a registry's filter renamed it or dropped a tag), the caller records through the
 * composite as before.
 */
final class CompositeChildren {

    private CompositeChildren() {
    }

    /**
     * @return the meter of each of the composite's registries for {@code meter}, or null if one of them is not found
     */
    static <M extends Meter> M[] of(CompositeMeterRegistry composite, M meter, Class<M> type) {
        Meter.Id id = meter.getId();
        List<M> children = new ArrayList<>();
        for (MeterRegistry registry : composite.getRegistries()) {
            Meter child = registry.find(id.getName()).tags(id.getTags()).meter();
            if (!type.isInstance(child)) {
                return null;
            }
            children.add(type.cast(child));
        }
        @SuppressWarnings("unchecked")
        M[] array = (M[]) Array.newInstance(type, children.size());
        return children.toArray(array);
    }
}
