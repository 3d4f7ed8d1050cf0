package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.runtime.engine.PendingRecord;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.engine.SettleListener;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * The lazy {@code Uni} of a list of records: each subscription serializes every record first (one invalid record
 * fails the subscription with nothing sent), sends them all without waiting in between, and answers once the last
 * settled, as the sync {@code sendMessages} does.
 */
final class BatchUni extends AbstractUni<List<DeliveryReport>> {

    private final ProducerEngine engine;
    private final Supplier<Object[]> records;

    /** @param records validates and serializes the records, as {@link AbstractProducer#serializeAll} does */
    BatchUni(ProducerEngine engine, Supplier<Object[]> records) {
        this.engine = engine;
        this.records = records;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void subscribe(UniSubscriber<? super List<DeliveryReport>> subscriber) {
        Subscription subscription = new Subscription(subscriber);
        subscriber.onSubscribe(subscription);
        if (subscription.cancelled) {
            return;
        }
        Object[] slots;
        try {
            engine.ensureOpen();
            slots = records.get();
        } catch (RuntimeException e) {
            subscriber.onFailure(e);
            return;
        }
        subscription.start(slots);
        if (slots.length == 0) {
            subscriber.onItem(List.of());
            return;
        }
        for (int i = 0; i < slots.length; i++) {
            slots[i] = engine.send((ProducerRecord<byte[], byte[]>) slots[i], subscription);
        }
        subscription.countDown(); // every slot written
    }

    /** One subscription: counts its records down as they settle. */
    private final class Subscription extends AtomicInteger implements UniSubscription, SettleListener {

        private final UniSubscriber<? super List<DeliveryReport>> subscriber;
        private final SubscriberContext context = SubscriberContext.capture();
        private volatile boolean cancelled;
        private volatile Object[] slots;

        Subscription(UniSubscriber<? super List<DeliveryReport>> subscriber) {
            this.subscriber = subscriber;
        }

        void start(Object[] slots) {
            this.slots = slots;
            // One count per record and one for the sending thread, which counts down once every slot holds its
            // pending record: records may settle inside send, or before the loop wrote their slot.
            set(slots.length + 1);
        }

        @Override
        public void cancel() {
            cancelled = true;
            Object[] sent = slots;
            if (sent != null) {
                // Records still waiting in the producer are taken back unsent; a slot not yet written is skipped,
                // and its record settles as one that entered the client.
                for (Object slot : sent) {
                    if (slot instanceof PendingRecord pending) {
                        engine.withdraw(pending);
                    }
                }
            }
        }

        @Override
        public void settled(PendingRecord record) {
            countDown();
        }

        /** The last count down answers; the decrements order every slot's write before its read. */
        void countDown() {
            if (decrementAndGet() == 0 && !cancelled) {
                context.run(this::answer);
            }
        }

        private void answer() {
            if (cancelled) {
                return;
            }
            List<DeliveryReport> reports;
            try {
                reports = BatchOutcome.reports(engine, slots);
            } catch (RuntimeException errors) {
                subscriber.onFailure(errors);
                return;
            }
            subscriber.onItem(reports);
        }
    }
}
