package io.quarkiverse.kafkaproducer.docs;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerErrorLogger;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.smallrye.common.annotation.Identifier;

// tag::dead-letters[]
@Identifier("shipments") // <1>
@ApplicationScoped // <2>
public class DeadLetterErrorLogger implements ProducerErrorLogger {

    private static final Logger LOG = Logger.getLogger(DeadLetterErrorLogger.class);

    @Inject
    @Identifier("dead-letters")
    AsyncProducer<byte[], byte[]> deadLetters; // <3>

    @Override
    public void logError(ProducerException error) {
        LOG.error(error.getMessage()); // names the producer, topic and partition, never the value
    }

    @Override
    public void logError(ProducerException error, ProducerRecord<byte[], byte[]> record) { // <4>
        logError(error);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray()); // <5>
        headers.add("dead-letter.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter.cause", error.getCause().getClass().getName().getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessage(new ProducerRecord<>(record.topic() + ".dead-letters", null, record.timestamp(),
                record.key(), record.value(), headers)); // <6>
    }
}
// end::dead-letters[]
