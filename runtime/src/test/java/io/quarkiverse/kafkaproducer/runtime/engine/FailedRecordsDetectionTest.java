package io.quarkiverse.kafkaproducer.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.runtime.telemetry.LoggingProducerErrorLogger;

/** Records are kept only for an error logger that overrides logError(error, record). */
class FailedRecordsDetectionTest {

    static class Plain implements ProducerErrorLogger {
        @Override
        public void logError(ProducerException error) {
        }
    }

    static class TakesRecords extends Plain {
        @Override
        public void logError(ProducerException error, ProducerRecord<byte[], byte[]> record) {
        }
    }

    static class InheritsTakingRecords extends TakesRecords {
    }

    @Test
    void onlyAnOverrideOfTheRecordMethodMakesTheProducersKeepRecords() {
        assertThat(FailedRecords.wanted(new LoggingProducerErrorLogger())).as("the default logger").isFalse();
        assertThat(FailedRecords.wanted(error -> {
        })).as("a lambda").isFalse();
        assertThat(FailedRecords.wanted(new Plain())).isFalse();
        assertThat(FailedRecords.wanted(new TakesRecords())).isTrue();
        assertThat(FailedRecords.wanted(new InheritsTakingRecords())).isTrue();
    }
}
