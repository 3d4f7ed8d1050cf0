package io.quarkiverse.kafkaproducer.deployment.beans;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.kafka.common.serialization.Serializer;

/** A serializer of the application's own, configured by class name. */
public class UpperCaseSerializer implements Serializer<String> {

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
