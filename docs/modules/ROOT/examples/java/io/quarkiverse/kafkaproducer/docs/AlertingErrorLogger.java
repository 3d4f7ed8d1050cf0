package io.quarkiverse.kafkaproducer.docs;

import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;

// tag::plain[]
@Singleton // <1>
public class AlertingErrorLogger implements ProducerErrorLogger {

    private static final Logger LOG = Logger.getLogger("kafka.failures");

    private final LongAdder failures = new LongAdder();

    @Override
    public void logError(ProducerException error) { // <2>
        failures.increment();
        LOG.errorf("%s (retriable: %s)", error.getMessage(), error.isRetriable()); // <3>
    }

    public long failures() {
        return failures.sum();
    }
}
// end::plain[]
