package io.quarkiverse.kafkaproducer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The log of the broker that the Dev Service starts for the Quarkus tests, read to explain a failed assertion: a test
 * that finds records lost says what the broker warned about meanwhile.
 */
final class DevServicesBrokerLog {

    /** Where the Dev Service writes its broker's log, under the build directory. */
    private static final Path LOG = Path.of("target", "kafka-producer-devservices", "broker-1.log");
    private static final int MOST_LINES = 40;

    private DevServicesBrokerLog() {
    }

    /** The broker's WARN and ERROR lines written since {@code start}, the last 40 at most. */
    static String warningsSince(LocalDateTime start) {
        if (!Files.isRegularFile(LOG)) {
            return "(no broker log at " + LOG.toAbsolutePath() + ")";
        }
        try (Stream<String> lines = Files.lines(LOG)) {
            List<String> warnings = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .filter(line -> writtenSince(line, start)).collect(Collectors.toList());
            List<String> last = warnings.subList(Math.max(0, warnings.size() - MOST_LINES), warnings.size());
            return last.isEmpty() ? "(none)" : String.join("\n", last);
        } catch (IOException | RuntimeException e) {
            return "(the broker log could not be read: " + e + ")";
        }
    }

    /** Lines start with an ISO local time, {@code 2026-12-03T09:55:28.075}. */
    private static boolean writtenSince(String line, LocalDateTime start) {
        int end = line.indexOf(' ');
        try {
            return end > 0 && !LocalDateTime.parse(line.substring(0, end)).isBefore(start);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
