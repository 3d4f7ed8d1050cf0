package io.quarkiverse.kafkaproducer.docs.wording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Getting started works for a newcomer who copies it: a version they can get, a plain connection before security. */
class GettingStartedTest {

    private static final Path PAGES = Path.of("modules/ROOT/pages");
    private static final Path PROPERTIES = Path.of("modules/ROOT/examples/resources/application.properties");

    @Test
    void theInstallationShowsAVersionThatCanBeInstalled() throws IOException {
        String attributes = Files.readString(PAGES.resolve("includes/attributes.adoc"));
        Matcher version = Pattern.compile(":project-version: (\\S+)").matcher(attributes);
        assertThat(version.find()).as("attributes.adoc sets project-version").isTrue();
        Matcher released = Pattern.compile("current-version: \"?([^\"\\s]+)")
                .matcher(Files.readString(Path.of("../.github/project.yml")));
        assertThat(released.find()).isTrue();
        if (released.group(1).equals("0")) {
            // no release yet: the version that ./mvnw install puts in the local repository
            assertThat(version.group(1)).isEqualTo(System.getProperty("project.version"));
            assertThat(Files.readString(PAGES.resolve("index.adoc")).replaceAll("\\s+", " "))
                    .contains("Until the extension is released")
                    .contains("`./mvnw -B install -DskipTests`");
        } else {
            assertThat(version.group(1)).isEqualTo(released.group(1));
        }
    }

    @Test
    void aPlainConnectionComesFirstAndSecurityApart() throws IOException {
        String properties = Files.readString(PROPERTIES);
        String connection = tagged(properties, "connection");
        assertThat(connection).contains("kafka.bootstrap.servers=")
                .doesNotContain("security.protocol").doesNotContain("sasl").doesNotContain("ssl");
        assertThat(tagged(properties, "security")).contains("security.protocol=SASL_SSL").contains("sasl.jaas.config");

        String gettingStarted = Files.readString(PAGES.resolve("index.adoc"));
        int plain = gettingStarted.indexOf("application.properties[tag=connection]");
        int security = gettingStarted.indexOf("application.properties[tag=security]");
        assertThat(plain).as("the plain connection is shown").isPositive();
        assertThat(security).as("security is shown after it, in a section of its own").isGreaterThan(plain);
        assertThat(gettingStarted.substring(plain, security)).contains("=== A secured cluster");
    }

    private static String tagged(String text, String tag) {
        int begin = text.indexOf("# tag::" + tag + "[]");
        int end = text.indexOf("# end::" + tag + "[]");
        assertThat(begin).as("tag %s", tag).isNotNegative();
        assertThat(end).as("end of tag %s", tag).isGreaterThan(begin);
        return text.substring(begin, end);
    }
}
