package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ProducerErrors;
import io.quarkiverse.kafkaproducer.runtime.engine.PendingRecord;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;

/** The answer to a {@code sendMessages} of a list, sync or reactive, once every record of it settled. */
final class BatchOutcome {

    private BatchOutcome() {
    }

    /**
     * @param slots the settled {@link PendingRecord}s in input order; overwritten with their reports
     * @return the reports, in input order
     * @throws ProducerErrors one or more records failed, with every failure and every success by index
     */
    @SuppressWarnings("unchecked")
    static List<DeliveryReport> reports(ProducerEngine engine, Object[] slots) {
        DeliveryReport previous = null;
        boolean failed = false;
        for (int i = 0; i < slots.length; i++) {
            PendingRecord pending = (PendingRecord) slots[i];
            if (pending.error() != null) {
                failed = true;
            } else {
                previous = DefaultSyncProducer.report(pending.metadata(), previous);
                slots[i] = previous;
            }
        }
        if (failed) {
            throw errors(engine, slots);
        }
        return (List<DeliveryReport>) (List<?>) Collections.unmodifiableList(Arrays.asList(slots));
    }

    private static ProducerErrors errors(ProducerEngine engine, Object[] slots) {
        // Only now the map by index: building it for every batch cost a boxed index and a tree node per record.
        List<ProducerErrors.Failure> failures = new ArrayList<>();
        SortedMap<Integer, DeliveryReport> delivered = new TreeMap<>();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] instanceof DeliveryReport report) {
                delivered.put(i, report);
            } else {
                failures.add(new ProducerErrors.Failure(i, ((PendingRecord) slots[i]).error()));
            }
        }
        return new ProducerErrors(engine.name(), engine.type(), failures, delivered);
    }
}
