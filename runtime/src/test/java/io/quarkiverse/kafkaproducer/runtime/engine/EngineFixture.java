package io.quarkiverse.kafkaproducer.runtime.engine;

import java.util.Map;

import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.settings.ProducerSettings;

/** An engine over a {@link TestProducer}, reporting to a {@link Recorder}. */
public final class EngineFixture {

    public static final String SECRET = "SECRET-VALUE-4711";

    public final TestProducer client;
    public final Recorder recorder = new Recorder();
    public final ProducerEngine engine;

    public EngineFixture(ProducerType type, boolean autoComplete) {
        this(type, autoComplete, settings -> {
        });
    }

    public EngineFixture(ProducerType type, boolean autoComplete, java.util.function.Consumer<ProducerSettings> customizer) {
        client = new TestProducer(autoComplete);
        ProducerSettings settings = new ProducerSettings("orders", type).serviceName("shop")
                .baseConfig(Map.of("bootstrap.servers", "localhost:9092"))
                .telemetry(recorder).errorLogger(recorder);
        customizer.accept(settings);
        engine = ProducerEngine.start(settings, client);
    }
}
