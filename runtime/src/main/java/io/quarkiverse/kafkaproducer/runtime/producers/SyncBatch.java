package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.runtime.engine.PendingRecord;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.engine.SettleListener;

/**
 * One {@code sendMessages} call: sends every record without waiting in between, counts them down as they settle, and
 * answers with a report per record or {@link io.quarkiverse.kafkaproducer.ProducerErrors}. One array serves the whole call,
 * holding each record,
 * then its pending outcome, then its report.
 */
final class SyncBatch extends CountDownLatch implements SettleListener {

    private final ProducerEngine engine;
    private final Object[] slots;

    /** @param records the serialized records, as {@link AbstractProducer#serializeAll} gives them */
    SyncBatch(ProducerEngine engine, Object[] records) {
        super(records.length);
        this.engine = engine;
        this.slots = records;
    }

    @Override
    public void settled(PendingRecord record) {
        countDown();
    }

    /**
     * Sends and waits until every record settled, which the engine bounds by {@code delivery-timeout}.
     *
     * @return the reports, in input order
     * @throws io.quarkiverse.kafkaproducer.ProducerErrors one or more records failed, with every failure and every success by
     *         index
     */
    @SuppressWarnings("unchecked")
    List<DeliveryReport> sendAndAwait() throws InterruptedException {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = engine.send((ProducerRecord<byte[], byte[]>) slots[i], this);
        }
        await();
        return BatchOutcome.reports(engine, slots);
    }
}
