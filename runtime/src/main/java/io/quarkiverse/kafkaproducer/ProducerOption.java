package io.quarkiverse.kafkaproducer;

import java.util.function.Consumer;

import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;

/**
 * One setting of a producer made by {@link KafkaProducers}; obtained from {@link ProducerOptions}. Options apply in the
 * order given: a later option overrides an earlier one of the same kind, except {@link ProducerOptions#withConfig}
 * whose maps are merged. Immutable and reusable.
 */
public final class ProducerOption {

    private final Consumer<ProducerSettings> setting;

    ProducerOption(Consumer<ProducerSettings> setting) {
        this.setting = setting;
    }

    void applyTo(ProducerSettings settings) {
        setting.accept(settings);
    }
}
