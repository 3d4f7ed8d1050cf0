package io.quarkiverse.kafkaproducer.docs;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;

// tag::alternative[]
@Alternative
@Priority(1) // <1>
@Singleton
public class PreferredErrorLogger implements ProducerErrorLogger {

    private static final Logger LOG = Logger.getLogger("kafka.failures");

    @Override
    public void logError(ProducerException error) {
        LOG.errorf("[%s/%s] %s", error.producerName(), error.producerType(), error.getMessage());
    }
}
// end::alternative[]
