package io.quarkiverse.kafkaproducer.deployment.beans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer that records what it was configured with, and writes a line to {@link #CLOSED} when it is closed: a
 * file, as the test reads it after the application stopped, with a class loader of its own.
 */
public class RecordingSerializer implements Serializer<String> {

    public static final List<Map<String, Object>> CONFIGURED = new CopyOnWriteArrayList<>();
    public static final Path CLOSED = Path.of("target", "recording-serializer-closed.log");

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        CONFIGURED.add(Map.<String, Object> copyOf(configs));
    }

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            Files.writeString(CLOSED, "closed\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How often a serializer was closed since the file was deleted. */
    public static long closed() {
        try {
            return Files.exists(CLOSED) ? Files.readAllLines(CLOSED).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
