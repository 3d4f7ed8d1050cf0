package io.quarkiverse.kafkaproducer.docs.wording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What users read (the docs, the README, the Javadoc of the runtime and the benchmarks) uses public names only: the
 * project's internal names for where it came from mean nothing to a reader of the published docs.
 */
class PublicWordingTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern INTERNAL = Pattern.compile("\\bthe seed\\b|\\bseed's\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void docsReadmeAndJavadocUseNoInternalWording() {
        List<String> found = new ArrayList<>();
        for (Path folder : List.of(Path.of("modules"), ROOT.resolve("runtime/src/main/java"),
                ROOT.resolve("benchmarks/src/main/java"), ROOT.resolve("demo/src/main/java"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".adoc") || f.toString().endsWith(".java"))
                        .forEach(file -> scan(file, found));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        scan(ROOT.resolve("README.md"), found);
        assertThat(found).as("internal wording in what users read").isEmpty();
    }

    @Test
    void theReadmeSaysWhereTheBucketLinesComeFrom() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("`_bucket`").contains("latency-histogram=true");
    }

    @Test
    void theReadmeGivesGradleCoordinatesBesideMavens() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("<artifactId>quarkus-kafka-producer</artifactId>")
                .contains("implementation(\"io.quarkiverse.kafkaproducer:quarkus-kafka-producer:");
    }

    @Test
    void theConfigReferenceNamesEachProducerGroupAfterItsKeys() throws IOException {
        String reference = Files.readString(Path.of("modules/ROOT/pages/includes/quarkus-kafka-producer.adoc"));
        for (String type : List.of("sync", "async", "reactive", "transactional")) {
            String title = Character.toUpperCase(type.charAt(0)) + type.substring(1) + " producers";
            // the group of quarkus.kafka-producer.<type>.*, whose heading is a link to its own anchor
            assertThat(reference).as("the heading of quarkus.kafka-producer.%s.*", type)
                    .contains("#quarkus-kafka-producer_section_quarkus-kafka-producer-" + type + "[" + title + "]");
        }
        assertThat(reference).doesNotContain("Serializers of the");
    }

    @Test
    void neverBlocksIsSaidWithItsOverflowBlockException() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md")).replaceAll("\\s+", " ");
        String gettingStarted = Files.readString(Path.of("modules/ROOT/pages/index.adoc")).replaceAll("\\s+", " ");
        assertThat(readme).contains("never blocks its caller (unless you choose `overflow-policy=block`)");
        assertThat(gettingStarted).contains("never blocks its caller (unless you choose `overflow-policy=block`");
    }

    @Test
    void configurationSaysThatPartitionersAndInterceptorsSeeBytes() throws IOException {
        String configuration = Files.readString(Path.of("modules/ROOT/pages/configuration.adoc"));
        assertThat(configuration).contains("`kafka.\"partitioner.class\"`").contains("`kafka.\"interceptor.classes\"`")
                .contains("sees the serialized `byte[]` key and value");
    }

    private static void scan(Path file, List<String> found) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (INTERNAL.matcher(lines.get(i)).find()) {
                    found.add(file.normalize() + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theReadinessDefaultIsDiscussedAgainstQuarkusOwnAndNotCheckedYetIsDefined() throws IOException {
        String telemetry = Files.readString(Path.of("modules/ROOT/pages/telemetry.adoc")).replaceAll("\\s+", " ");
        assertThat(telemetry).contains("=== Why it is on by default")
                .contains("`quarkus.kafka.health.enabled`), is off by default")
                .contains("`not checked yet` counts as `DOWN`")
                .contains("`quarkus.kafka-producer.health.enabled=false`");
    }
}
