package io.quarkiverse.kafkaproducer.docs.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Antora layout of the docs: the navigation lists every page and only existing ones, every cross reference (with its
 * anchor) and every include resolves, and every tagged region an include asks for exists. Asciidoctor, run later in the build,
 * checks the same includes again as it renders the pages; this test says plainly which page and line is wrong.
 */
class AntoraLayoutTest {

    private static final Path MODULE = Path.of("modules/ROOT");
    private static final Path PAGES = MODULE.resolve("pages");
    private static final Pattern XREF = Pattern.compile("xref:([^\\[#]+\\.adoc)(#[^\\[]*)?\\[");
    private static final Pattern INCLUDE = Pattern.compile("^include::([^\\[]+)\\[(.*)]\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\{([\\w-]+)}");
    private static final Pattern TAGS = Pattern.compile("tags?=([^,\\]]+)");

    @Test
    void antoraDescriptorNamesTheNavigation() throws IOException {
        String antora = Files.readString(Path.of("antora.yml"));
        assertThat(antora).contains("name: quarkus-kafka-producer").contains("- modules/ROOT/nav.adoc");
        assertThat(MODULE.resolve("nav.adoc")).exists();
    }

    @Test
    void navigationListsEveryPageAndOnlyExistingOnes() throws IOException {
        List<String> listed = xrefs(Files.readString(MODULE.resolve("nav.adoc")));
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).allSatisfy(page -> assertThat(PAGES.resolve(page)).as("page of nav.adoc").exists());
        assertThat(new TreeSet<>(listed)).as("pages in nav.adoc").isEqualTo(pages());
    }

    @Test
    void crossReferencesAndTheirAnchorsResolve() {
        List<String> broken = new ArrayList<>();
        for (String page : pages()) {
            List<String> lines = lines(PAGES.resolve(page));
            for (int i = 0; i < lines.size(); i++) {
                Matcher xref = XREF.matcher(lines.get(i));
                while (xref.find()) {
                    Path target = PAGES.resolve(xref.group(1));
                    String anchor = xref.group(2) == null ? null : xref.group(2).substring(1);
                    if (!Files.exists(target)) {
                        broken.add(page + ":" + (i + 1) + " xref:" + xref.group(1));
                    } else if (anchor != null && lines(target).stream()
                            .noneMatch(l -> l.startsWith("[[" + anchor + "]]") || l.startsWith("[#" + anchor))) {
                        broken.add(page + ":" + (i + 1) + " xref:" + xref.group(1) + "#" + anchor
                                + " (declare the anchor with [[" + anchor + "]])");
                    }
                }
            }
        }
        assertThat(broken).as("cross references to missing pages").isEmpty();
    }

    @Test
    void includesAndTheirTaggedRegionsResolve() {
        List<String> broken = new ArrayList<>();
        int includes = 0;
        for (String page : pages()) {
            Path file = PAGES.resolve(page);
            Map<String, String> attributes = attributes();
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher include = INCLUDE.matcher(lines.get(i));
                if (!include.matches()) {
                    continue;
                }
                includes++;
                String where = page + ":" + (i + 1) + " ";
                String target = substitute(include.group(1), attributes);
                if (target.contains("{")) {
                    broken.add(where + "unknown attribute in " + include.group(1));
                    continue;
                }
                Path included = file.getParent().resolve(target).normalize();
                if (!Files.isRegularFile(included)) {
                    broken.add(where + "no file " + included);
                    continue;
                }
                Matcher tags = TAGS.matcher(include.group(2));
                if (tags.find()) {
                    String text = String.join("\n", lines(included));
                    for (String tag : tags.group(1).split(";")) {
                        if (!text.contains("tag::" + tag + "[]") || !text.contains("end::" + tag + "[]")) {
                            broken.add(where + "no tagged region '" + tag + "' in " + included);
                        }
                    }
                }
            }
        }
        assertThat(broken).as("includes that do not resolve").isEmpty();
        assertThat(includes).as("includes found").isPositive();
    }

    @Test
    void generatedConfigurationReferenceIsIncluded() throws IOException {
        Path reference = PAGES.resolve("includes/quarkus-kafka-producer.adoc");
        assertThat(reference).as("written by quarkus-config-doc-maven-plugin").exists();
        assertThat(Files.readString(reference)).contains("quarkus.kafka-producer.sync.retry-max");
    }

    /** The pages of the module, without the included fragments. */
    private static Set<String> pages() {
        try (Stream<Path> files = Files.list(PAGES)) {
            return files.filter(f -> f.toString().endsWith(".adoc")).map(f -> f.getFileName().toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attributes every page gets from {@code includes/attributes.adoc}. */
    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        Pattern definition = Pattern.compile("^:([\\w-]+):\\s*(.*)$");
        for (String line : lines(PAGES.resolve("includes/attributes.adoc"))) {
            Matcher matcher = definition.matcher(line);
            if (matcher.matches()) {
                attributes.put(matcher.group(1), matcher.group(2).trim());
            }
        }
        return attributes;
    }

    private static String substitute(String text, Map<String, String> attributes) {
        Matcher matcher = ATTRIBUTE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = attributes.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    private static List<String> xrefs(String text) {
        List<String> targets = new ArrayList<>();
        Matcher matcher = XREF.matcher(text);
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
