package io.quarkiverse.kafkaproducer.runtime.producers;

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
 * The lazy {@code Uni} of one record: each subscription builds and serializes the record (a failure there fails the
 * subscription, with nothing sent), hands it to the engine, and delivers its outcome on the subscriber's context. A
 * cancellation takes the record back while it still waits in the producer's queue.
 */
final class RecordUni extends AbstractUni<DeliveryReport> {

    private final ProducerEngine engine;
    private final Supplier<ProducerRecord<byte[], byte[]>> record;

    /** @param record validates and serializes the record, throwing for invalid input; called once per subscription */
    RecordUni(ProducerEngine engine, Supplier<ProducerRecord<byte[], byte[]>> record) {
        this.engine = engine;
        this.record = record;
    }

    @Override
    public void subscribe(UniSubscriber<? super DeliveryReport> subscriber) {
        Subscription subscription = new Subscription(subscriber);
        subscriber.onSubscribe(subscription);
        if (subscription.cancelled) {
            return; // cancelled before anything was sent: nothing is
        }
        ProducerRecord<byte[], byte[]> serialized;
        try {
            engine.ensureOpen();
            serialized = record.get();
        } catch (RuntimeException e) {
            subscriber.onFailure(e);
            return;
        }
        subscription.sent(engine, engine.send(serialized, subscription));
    }

    /** One subscription: told by the engine when the record settled. */
    private static final class Subscription implements UniSubscription, SettleListener {

        private final UniSubscriber<? super DeliveryReport> subscriber;
        private final SubscriberContext context = SubscriberContext.capture();
        private volatile boolean cancelled;
        private volatile ProducerEngine engine;
        private volatile PendingRecord pending;

        Subscription(UniSubscriber<? super DeliveryReport> subscriber) {
            this.subscriber = subscriber;
        }

        void sent(ProducerEngine engine, PendingRecord pending) {
            this.engine = engine;
            this.pending = pending;
            if (cancelled) {
                engine.withdraw(pending); // cancelled while it was being sent
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            PendingRecord sent = pending;
            if (sent != null) {
                // Still waiting in the producer (no metadata, buffer full): it is never sent. Otherwise it settles.
                engine.withdraw(sent);
            }
        }

        @Override
        public void settled(PendingRecord record) {
            if (!cancelled) {
                context.run(() -> deliver(record));
            }
        }

        private void deliver(PendingRecord record) {
            if (cancelled) {
                return; // the record settled all the same; only its result is dropped
            }
            if (record.error() != null) {
                subscriber.onFailure(record.error());
            } else {
                subscriber.onItem(DefaultSyncProducer.report(record.metadata(), null));
            }
        }
    }
}
