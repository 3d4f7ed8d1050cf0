package io.quarkiverse.kafkaproducer.deployment.devservices;

import io.quarkus.deployment.builditem.Startable;

/**
 * A Dev Services broker, owned by this application or shared: what both tell Quarkus' registry and the Dev UI beyond
 * the bootstrap servers.
 */
abstract class BrokerDevService implements Startable {

    private volatile String startedAt;

    /** For the Dev UI: the broker's log file. */
    abstract String logFile();

    /** For the Dev UI: when the broker started, and how long it took, or who started it. */
    final String startedAt() {
        return startedAt;
    }

    /** @param beginNanos {@link System#nanoTime()} when the start began */
    final void startedHere(long beginNanos) {
        startedAt = StartTime.describe(beginNanos);
    }

    final void startedElsewhere() {
        startedAt = "started by another application";
    }

    @Override
    public final String getContainerId() {
        // a JVM process, not a container
        return null;
    }
}
