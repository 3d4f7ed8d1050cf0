package io.quarkiverse.kafkaproducer.broker;

import java.util.List;

/** Finds broker JVMs, to check that tests leave none behind. */
final class BrokerProcesses {

    private BrokerProcesses() {
    }

    /** @return the broker JVMs started by this JVM */
    static List<ProcessHandle> ofThisJvm() {
        return ProcessHandle.current().descendants().filter(BrokerProcesses::isBroker).toList();
    }

    static boolean isBroker(ProcessHandle process) {
        return process.info().commandLine().orElse("").contains(BrokerMain.class.getName());
    }
}
