package io.quarkiverse.kafkaproducer.deployment.devservices;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How the Dev UI shows a broker's start: when it was ready, and how long it took. */
final class StartTime {

    private StartTime() {
    }

    /** @param beginNanos {@link System#nanoTime()} when the start began */
    static String describe(long beginNanos) {
        return String.format(Locale.ROOT, "%s (took %.1f s)", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                (System.nanoTime() - beginNanos) / 1e9);
    }
}
