package io.quarkiverse.kafkaproducer.it.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The production build of this application ({@code target/quarkus-app}) holds nothing of the Dev UI: not the runtime's
 * dev-only dependency ({@code quarkus-kafka-producer-dev}, the JSON-RPC back end), not its classes, not the card's web
 * components, and no generated class refers to them.
 */
class ProductionBuildIT {

    private static final Path APPLICATION = Path.of("target", "quarkus-app");
    private static final String DEV_PACKAGE = "io/quarkiverse/kafkaproducer/runtime/dev/";
    private static final String DEV_UI_RESOURCES = "dev-ui/qwc-kafka-producer";

    @Test
    void theProductionBuildHoldsNoDevUiClassOrResourceOfOurs() {
        List<Path> jars = jars();
        // the control: this is the build of an application that uses the extension
        assertThat(jars).anyMatch(jar -> jar.getFileName().toString().startsWith("io.quarkiverse.kafkaproducer"
                + ".quarkus-kafka-producer-999"));
        assertThat(jars).as("jars of the production build")
                .noneMatch(jar -> jar.getFileName().toString().contains("quarkus-kafka-producer-dev"));
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().startsWith(DEV_PACKAGE) || entry.getName().startsWith(DEV_UI_RESOURCES)
                            || (entry.getName().endsWith(".class") && refersToDevPackage(zip, entry))) {
                        found.add(jar.getFileName() + "!" + entry.getName());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(found).as("Dev UI classes, resources or references in the production build").isEmpty();
    }

    private static boolean refersToDevPackage(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            // class files name the classes they use in their constant pool, in UTF-8
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(DEV_PACKAGE);
        }
    }

    private static List<Path> jars() {
        assertThat(APPLICATION).as("the packaged application; run mvn verify, which builds it first").isDirectory();
        try (Stream<Path> files = Files.walk(APPLICATION)) {
            return files.filter(file -> file.toString().endsWith(".jar")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
