package io.quarkiverse.kafkaproducer.it.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs after every Quarkus test of this module (failsafe, after surefire): Vert.x's blocked-thread checker, set to
 * warn beyond 100 ms ({@code quarkus.vertx.max-event-loop-execute-time}), warned of no event loop during the whole
 * suite, apart from the control test's own. Warnings that a pause of the whole test JVM explains (a garbage collection,
 * a starved machine) are kept in the file as pauses and not counted: see {@link BlockedThreadWarnings}.
 */
class BlockedEventLoopIT {

    @Test
    void noEventLoopWasBlockedDuringTheQuarkusTests() throws IOException {
        Path file = Path.of(System.getProperty(BlockedThreadWarnings.WRITTEN_PROPERTY));
        assertThat(file).as("written by the Quarkus tests (surefire) before this test").exists();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).first().asString().startsWith(BlockedThreadWarnings.HEADER);
        assertThat(lines).as("the control test's warning: the checker was on and its warnings were caught")
                .anyMatch(line -> line.startsWith(BlockedThreadWarnings.EXPECTED));
        assertThat(lines).as("warnings of Vert.x's blocked-thread checker during the Quarkus tests")
                .noneMatch(line -> line.startsWith(BlockedThreadWarnings.UNEXPECTED));
    }
}
