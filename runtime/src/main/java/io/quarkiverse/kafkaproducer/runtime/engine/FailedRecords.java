package io.quarkiverse.kafkaproducer.runtime.engine;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkus.arc.ClientProxy;

/**
 * Tells whether an error logger takes the failed records themselves: whether its class overrides
 * {@link ProducerErrorLogger#logError(ProducerException, ProducerRecord)}. Only then do the producers keep each record
 * until it settles; otherwise they keep none, and the feature costs nothing.
 * <p>
 * A CDI client proxy overrides every method, the default ones included: the class of the bean behind it is asked
 * instead, without creating the bean (an error logger that injects a producer, for dead letters, must not be created
 * while that producer starts). In a native executable the method must be registered for reflection; the deployment
 * module registers the methods of every error logger class.
 */
final class FailedRecords {

    private FailedRecords() {
    }

    static boolean wanted(ProducerErrorLogger errorLogger) {
        Class<?> type = errorLogger.getClass();
        if (errorLogger instanceof ClientProxy proxy) {
            Class<?> implementation = proxy.arc_bean().getImplementationClass();
            type = implementation != null ? implementation : proxy.arc_bean().getBeanClass();
        }
        try {
            return type.getMethod("logError", ProducerException.class, ProducerRecord.class)
                    .getDeclaringClass() != ProducerErrorLogger.class;
        } catch (NoSuchMethodException | SecurityException notVisible) {
            return false;
        }
    }
}
