package io.quarkiverse.kafkaproducer.runtime.engine;

import io.quarkus.runtime.BlockingOperationControl;

/**
 * Tells whether the current thread may block, as Quarkus does for its own blocking APIs: the faces refuse their
 * blocking calls on a Vert.x event loop, and the engine never waits there.
 */
public final class BlockingGuard {

    private BlockingGuard() {
    }

    /** False on a Vert.x event loop thread. */
    public static boolean isBlockingAllowed() {
        try {
            return BlockingOperationControl.isBlockingAllowed();
        } catch (NullPointerException noQuarkus) {
            // Outside a started Quarkus application (a producer from KafkaProducers in a plain JVM) no detector is
            // installed and Quarkus 3.33 throws NPE: there is no event loop to protect then.
            return true;
        }
    }
}
