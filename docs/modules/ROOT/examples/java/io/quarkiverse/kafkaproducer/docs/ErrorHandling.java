package io.quarkiverse.kafkaproducer.docs;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerErrors;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;

@ApplicationScoped
public class ErrorHandling {

    private static final Logger LOG = Logger.getLogger(ErrorHandling.class);

    @Inject
    SyncProducer<String, String> producer;

    // tag::single[]
    public boolean audit(String user, String event) {
        try {
            DeliveryReport report = producer.sendMessage("audit", user, event);
            LOG.debugf("audit event stored at %s-%d@%d", report.topic(), report.partition(), report.offset());
            return true;
        } catch (ProducerException e) { // <1>
            LOG.warnf("audit event of %s not stored in %s (partition %d), retriable: %s, cause: %s",
                    user, e.topic(), e.partition(), e.isRetriable(), e.getCause()); // <2>
            return false;
        }
    }
    // end::single[]

    // tag::batch[]
    /** Sends a batch, then sends again, once, the records that failed for a transient reason. */
    public List<DeliveryReport> sendAll(List<ProducerRecord<String, String>> records) {
        try {
            return producer.sendMessages(records); // <1>
        } catch (ProducerErrors errors) { // <2>
            List<DeliveryReport> reports = new ArrayList<>();
            errors.delivered().values().forEach(reports::add); // <3>
            List<ProducerRecord<String, String>> again = new ArrayList<>();
            for (ProducerErrors.Failure failure : errors.failures()) { // <4>
                ProducerRecord<String, String> failed = records.get(failure.index());
                if (failure.error().isRetriable()) {
                    again.add(failed);
                } else {
                    LOG.errorf("record %d of the batch refused: %s", failure.index(), failure.error().getMessage());
                }
            }
            if (!again.isEmpty()) {
                reports.addAll(producer.sendMessages(again)); // <5>
            }
            return reports;
        }
    }
    // end::batch[]
}
