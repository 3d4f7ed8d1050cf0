package io.quarkiverse.kafkaproducer.it.library;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer from a library without a Jandex index, as most are, configured by class name ({@code value-serializer}):
 * the producer creates it reflectively, and only this extension registers it for a native image (quarkus-kafka-client
 * registers the serializers it finds in the index). Writes the value in upper case, which a reader can see.
 */
public class ShoutingSerializer implements Serializer<String> {

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
