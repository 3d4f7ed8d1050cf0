package io.quarkiverse.kafkaproducer.benchmarks;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error, so that standard output keeps only the table. */
final class Progress {

    private Progress() {
    }

    static void note(String message) {
        System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
        System.err.flush();
    }
}
