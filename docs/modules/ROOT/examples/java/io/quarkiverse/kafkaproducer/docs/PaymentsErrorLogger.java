package io.quarkiverse.kafkaproducer.docs;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.smallrye.common.annotation.Identifier;

// tag::named[]
@Identifier("payments") // <1>
@Singleton
public class PaymentsErrorLogger implements ProducerErrorLogger {

    private static final Logger LOG = Logger.getLogger("payments");

    @Override
    public void logError(ProducerException error) {
        LOG.errorf("payment record lost: %s", error.getMessage());
    }
}
// end::named[]
