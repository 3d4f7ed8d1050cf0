package io.quarkiverse.kafkaproducer.it.nativesources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code quarkus.native.sources-only=true} wrote for a later {@code native-image} run: the builder's arguments
 * ({@code native-image.args}) and the generated runner jar, which holds the reflection configuration
 * ({@code META-INF/native-image/reflect-config.json} in Quarkus 3.33), the generated classes (beans, recorded
 * steps) and the generated {@code io.quarkus.runner.Feature}, which names the classes initialized at run time. The
 * libraries in {@code lib/} are not read: our runtime jar holds every class of the extension, used or not.
 */
final class NativeSources {

    private static final String REFLECTION = "META-INF/native-image/reflect-config.json";
    private static final String FEATURE = "io/quarkus/runner/Feature.class";

    private final List<String> arguments;
    private final Map<String, JsonNode> reflection = new LinkedHashMap<>();
    private final Map<String, String> entries = new LinkedHashMap<>();

    private NativeSources(Path directory) throws IOException {
        arguments = List.of(Files.readString(directory.resolve("native-image.args")).trim().split("\\s+"));
        Path runner;
        try (Stream<Path> files = Files.list(directory)) {
            runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runner jar in " + directory));
        }
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            for (ZipEntry entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                // ISO-8859-1 keeps every byte: class names in a class file's constant pool are found as text
                entries.put(entry.getName(), new String(jar.getInputStream(entry).readAllBytes(),
                        StandardCharsets.ISO_8859_1));
            }
        }
        String config = entries.get(REFLECTION);
        if (config == null || !entries.containsKey(FEATURE)) {
            // a later Quarkus may write reachability-metadata.json instead, or pass run-time initialization otherwise
            throw new IllegalStateException(REFLECTION + " or " + FEATURE + " is not in " + runner
                    + ": has Quarkus moved it?");
        }
        for (JsonNode type : new ObjectMapper().readTree(config)) {
            reflection.put(type.get("name").asText(), type);
        }
    }

    /** @param directory {@code target/native-sources} of a build with {@code quarkus.native.sources-only=true} */
    static NativeSources read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " does not exist: build it with mvn verify (-am)");
        }
        try {
            return new NativeSources(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> arguments() {
        return arguments;
    }

    /** The reflection registration of a class, if it has one. */
    Optional<JsonNode> reflection(String className) {
        return Optional.ofNullable(reflection.get(className));
    }

    /** Whether the generated Feature asks for the class to be initialized at run time. */
    boolean initializedAtRunTime(String className) {
        return entries.get(FEATURE).contains(className);
    }

    /** The generated entries (classes, configuration) that name the class, in source or in binary form. */
    List<String> entriesNaming(String className) {
        String internal = className.replace('.', '/');
        List<String> naming = new ArrayList<>();
        entries.forEach((name, content) -> {
            if (content.contains(className) || content.contains(internal)) {
                naming.add(name);
            }
        });
        return naming;
    }
}
