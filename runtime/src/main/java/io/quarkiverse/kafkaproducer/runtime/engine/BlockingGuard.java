package io.quarkiverse.kafkaproducer.runtime.engine;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;

/**
 * Tells whether the current thread may block, as Quarkus does for its own blocking APIs: the faces refuse their
 * blocking calls on a Vert.x event loop, and the engine never waits there.
 */
public final class BlockingGuard {

    private BlockingGuard() {
    }

    /**
     * @param producer the producer's description, which starts the message
     * @param what what blocks, e.g. {@code sendMessage and sendMessages block until the broker answers and}
     * @throws BlockingOperationNotAllowedException on a Vert.x event loop, naming what blocks and what to do
     */
    public static void checkBlockingAllowed(String producer, String what) {
        if (!isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException(producer + ": " + what + " must not be called on a Vert.x "
                    + "event loop thread; call it from a worker thread (@Blocking) or a virtual thread "
                    + "(@RunOnVirtualThread)");
        }
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
