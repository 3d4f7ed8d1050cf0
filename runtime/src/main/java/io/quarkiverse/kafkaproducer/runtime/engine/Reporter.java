package io.quarkiverse.kafkaproducer.runtime.engine;

import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerTelemetry;
import io.quarkiverse.kafkaproducer.ProducerType;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LogRateLimiter;
import io.quarkiverse.kafkaproducer.runtime.telemetry.MicrometerProducerTelemetry;
import io.quarkiverse.kafkaproducer.runtime.telemetry.NoTelemetry;

/**
 * Tells the telemetry and the error logger about one settled record. Their implementations are application code: an
 * exception they throw is logged (rate-limited) and swallowed, because it must neither fail the record nor break the
 * Kafka client's network thread that usually runs this.
 * <p>
 * Two telemetries are known here: {@link NoTelemetry} (telemetry turned off) is not called at all, and records are not
 * timed for it; the default {@link MicrometerProducerTelemetry} (that class exactly, not a subclass, whose overrides
 * must run) is given both measures in one call, without the interface's {@link Duration}.
 */
public final class Reporter {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.kafkaproducer");

    private final String producerName;
    private final ProducerType type;
    private final String serviceName;
    private final String clientId;
    private final ProducerTelemetry telemetry;
    private final ProducerErrorLogger errorLogger;
    private final boolean measures;
    /** Whether the error logger takes the failed records themselves; see {@link FailedRecords}. */
    private final boolean wantsRecords;
    private final MicrometerProducerTelemetry micrometer;
    private final LogRateLimiter limiter = new LogRateLimiter(1, this::logSuppressed);
    /** The Dev UI's, in dev mode; null otherwise. */
    private final RecordObserver observer;
    private final String observedName;

    public Reporter(String producerName, ProducerType type, String serviceName, String clientId, ProducerTelemetry telemetry,
            ProducerErrorLogger errorLogger) {
        this(producerName, type, serviceName, clientId, telemetry, errorLogger, null, null);
    }

    /**
     * @param observer sees every settled record too; null for none
     * @param observedName the producer's name for the observer, {@code <type>/<name>} when null
     */
    public Reporter(String producerName, ProducerType type, String serviceName, String clientId, ProducerTelemetry telemetry,
            ProducerErrorLogger errorLogger, RecordObserver observer, String observedName) {
        this.producerName = producerName;
        this.type = type;
        this.serviceName = serviceName == null ? "" : serviceName;
        this.clientId = clientId;
        this.telemetry = telemetry;
        this.errorLogger = errorLogger;
        this.observer = observer;
        this.observedName = observedName != null ? observedName : type.tagValue() + "/" + producerName;
        this.measures = telemetry != NoTelemetry.INSTANCE || observer != null;
        this.wantsRecords = FailedRecords.wanted(errorLogger);
        this.micrometer = telemetry.getClass() == MicrometerProducerTelemetry.class
                ? (MicrometerProducerTelemetry) telemetry
                : null;
    }

    /** Whether the error logger takes the failed records themselves, so that records must be kept until they settle. */
    public boolean wantsRecords() {
        return wantsRecords;
    }

    /** Whether the telemetry wants records measured. */
    public boolean measures() {
        return measures;
    }

    /**
     * @param startNanos when the send call began ({@link System#nanoTime()}); unused unless {@link #measures()}
     */
    /**
     * @param record the failed record as serialized, when {@link #wantsRecords()}; else null
     */
    void report(String topic, int partition, long startNanos, int size, ProducerException error,
            ProducerRecord<byte[], byte[]> record) {
        if (measures) {
            measure(topic, partition, System.nanoTime() - startNanos, size, error == null);
        }
        if (error != null) {
            logError(error, record);
        }
    }

    /**
     * Measures one record, and nothing else: for records whose failure is reported otherwise (the records of a
     * transaction, whose failure is reported once for all of them).
     *
     * @param startNanos when the send call began ({@link System#nanoTime()}); unused unless {@link #measures()}
     */
    public void measureSince(String topic, int partition, long startNanos, int size, boolean success) {
        if (measures) {
            measure(topic, partition, System.nanoTime() - startNanos, size, success);
        }
    }

    /** Hands one failure to the error logger. */
    public void logError(ProducerException error) {
        logError(error, null);
    }

    /** @param record the failed record, for an error logger that takes them; null for the other method */
    private void logError(ProducerException error, ProducerRecord<byte[], byte[]> record) {
        if (observer != null) {
            observe(() -> observer.failed(observedName, error));
        }
        try {
            if (record != null) {
                errorLogger.logError(error, record);
            } else {
                errorLogger.logError(error);
            }
        } catch (RuntimeException e) {
            misbehaved("error logger " + errorLogger.getClass().getName(), e);
        }
    }

    private void measure(String topic, int partition, long latencyNanos, int size, boolean success) {
        if (observer != null) {
            observe(() -> observer.settled(observedName, topic, partition, latencyNanos, size, success));
            if (telemetry == NoTelemetry.INSTANCE) {
                return;
            }
        }
        if (micrometer != null) {
            try {
                micrometer.record(serviceName, latencyNanos, size, topic, partition, type, clientId, success);
            } catch (RuntimeException e) {
                misbehaved("telemetry " + telemetry.getClass().getName(), e);
            }
            return;
        }
        // each call on its own: a latency call that throws must not cost the record its size report
        try {
            telemetry.collectWriteLatency(serviceName, Duration.ofNanos(latencyNanos), topic, partition, type, clientId,
                    success);
        } catch (RuntimeException e) {
            misbehaved("telemetry " + telemetry.getClass().getName(), e);
        }
        try {
            telemetry.collectWriteSize(serviceName, size, topic, partition, type, clientId, success);
        } catch (RuntimeException e) {
            misbehaved("telemetry " + telemetry.getClass().getName(), e);
        }
    }

    private void observe(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            misbehaved("Dev UI's record observer", e);
        }
    }

    private void misbehaved(String what, RuntimeException e) {
        long suppressed = limiter.tryAcquire();
        if (suppressed >= 0) {
            LOG.errorf(e, "Kafka producer '%s' (%s): the %s threw an exception; it is ignored%s", producerName,
                    type.tagValue(), what, suppressed > 0 ? " (" + suppressed + " similar ones not logged)" : "");
        }
    }

    private void logSuppressed(long count) {
        LOG.errorf("Kafka producer '%s' (%s): %d more exceptions of the telemetry or error logger were ignored without "
                + "being logged (at most one line per second)", producerName, type.tagValue(), count);
    }
}
