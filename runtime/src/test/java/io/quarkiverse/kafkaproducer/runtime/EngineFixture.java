package io.quarkiverse.kafkaproducer.runtime;

import java.util.Map;

import io.quarkiverse.kafkaproducer.ProducerType;

/** An engine over a {@link TestProducer}, reporting to a {@link Recorder}. */
final class EngineFixture {

    static final String SECRET = "SECRET-VALUE-4711";

    final TestProducer client;
    final Recorder recorder = new Recorder();
    final ProducerEngine engine;

    EngineFixture(ProducerType type, boolean autoComplete) {
        this(type, autoComplete, spec -> {
        });
    }

    EngineFixture(ProducerType type, boolean autoComplete, java.util.function.Consumer<ProducerSpec> customizer) {
        client = new TestProducer(autoComplete);
        ProducerSpec spec = new ProducerSpec("orders", type).serviceName("shop")
                .baseConfig(Map.of("bootstrap.servers", "localhost:9092"))
                .telemetry(recorder).errorLogger(recorder);
        customizer.accept(spec);
        engine = ProducerEngine.start(spec, client);
    }
}
