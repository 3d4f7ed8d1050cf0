package io.quarkiverse.kafkaproducer.runtime.producers;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.runtime.engine.PendingRecord;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.engine.SettleListener;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code sendMessages(Multi)}: sends a stream's records as they come and emits their reports in input order, with at
 * most {@code maxInFlight} records between the upstream and the subscriber at any time (sent, settled and not yet
 * taken). It asks the upstream for that many at first and for as many more as reports were emitted, a quarter of the
 * window at a time, so that memory stays bounded whatever the stream's length and however slowly the subscriber takes
 * reports. Without a Vert.x context it asks from Mutiny's default executor: reports are then emitted on the Kafka
 * client's network thread, and asking the upstream there would run the upstream's operators and the next sends on that
 * one thread, which would then both send and serialize every record of the stream.
 * <p>
 * The first failed record fails the stream once the records before it were emitted, and cancels the upstream;
 * records already sent after it still settle (telemetry, error logger). Signals to the subscriber are serialized by a
 * work counter and delivered on the context it subscribed on, as for a single record.
 *
 * @param <R> the record type before serialization
 */
final class StreamSends<R> implements Flow.Publisher<DeliveryReport> {

    private final ProducerEngine engine;
    private final Flow.Publisher<R> records;
    private final Function<R, ProducerRecord<byte[], byte[]>> serializer;
    private final int maxInFlight;

    StreamSends(ProducerEngine engine, Flow.Publisher<R> records, Function<R, ProducerRecord<byte[], byte[]>> serializer,
            int maxInFlight) {
        this.engine = engine;
        this.records = records;
        this.serializer = serializer;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super DeliveryReport> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Stream stream = new Stream(subscriber);
        subscriber.onSubscribe(stream);
        try {
            engine.ensureOpen();
        } catch (IllegalStateException closed) {
            stream.onError(closed); // as if the upstream failed before its first record
            return;
        }
        records.subscribe(stream);
    }

    /** A record of the stream, from the moment it arrived to its report. */
    private final class Slot implements SettleListener {
        final Stream stream;
        /** Set once, by the engine's listener or by a failed serialization. */
        volatile PendingRecord settled;
        /** The record as the engine took it; to take it back if the stream is cancelled while it waits. */
        volatile PendingRecord sent;
        volatile RuntimeException invalid;

        Slot(Stream stream) {
            this.stream = stream;
        }

        boolean isSettled() {
            return settled != null || invalid != null;
        }

        @Override
        public void settled(PendingRecord record) {
            settled = record;
            stream.schedule();
        }
    }

    /** One subscription: the upstream's subscriber and the downstream's subscription. */
    private final class Stream extends AtomicInteger implements Flow.Subscriber<R>, Flow.Subscription {

        private final Flow.Subscriber<? super DeliveryReport> downstream;
        private final SubscriberContext context = SubscriberContext.capture();
        /** In input order; added to by the upstream's thread, taken from by the draining thread. */
        private final Queue<Slot> window = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        /** Asked of the upstream by the draining thread and not yet passed on by the executor. */
        private final AtomicLong upstreamDemand = new AtomicLong();
        private final int replenishStep = Math.max(1, maxInFlight / 4);
        /** Reports emitted since the upstream was last asked for more; only the draining thread touches it. */
        private long unrequested;
        private volatile Flow.Subscription upstream;
        private volatile boolean upstreamDone;
        private volatile Throwable upstreamFailure;
        private volatile boolean cancelled;
        /** A request that broke rule 3.9; fails the stream at the next drain. */
        private volatile IllegalArgumentException violation;
        /** Only the draining thread reads and writes it. */
        private boolean terminated;

        Stream(Flow.Subscriber<? super DeliveryReport> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            if (upstream != null || cancelled) {
                subscription.cancel();
                return;
            }
            upstream = subscription;
            subscription.request(maxInFlight);
        }

        @Override
        public void onNext(R record) {
            if (cancelled) {
                return;
            }
            Slot slot = new Slot(this);
            window.offer(slot); // before sending: the record may settle inside the send
            ProducerRecord<byte[], byte[]> serialized;
            try {
                serialized = serializer.apply(record);
            } catch (RuntimeException e) {
                slot.invalid = e;
                schedule();
                return;
            }
            slot.sent = engine.send(serialized, slot);
        }

        @Override
        public void onError(Throwable failure) {
            upstreamFailure = failure;
            upstreamDone = true;
            schedule();
        }

        @Override
        public void onComplete() {
            upstreamDone = true;
            schedule();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // rule 3.9: the stream fails at once, as if cancelled, and the subscriber learns why
                violation = new IllegalArgumentException("Reactive Streams rule 3.9: request must be positive, but is " + n);
                withdrawAll();
                schedule();
                return;
            }
            requested.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            withdrawAll();
            schedule();
        }

        /** Stops the upstream and takes back the records still waiting in the producer; the others settle. */
        private void withdrawAll() {
            Flow.Subscription subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
            for (Slot slot : window) {
                PendingRecord sent = slot.sent;
                if (sent != null) {
                    engine.withdraw(sent); // still waiting in the producer: never sent; otherwise it settles
                }
            }
        }

        void schedule() {
            context.run(this::drain);
        }

        private void drain() {
            if (getAndIncrement() != 0) {
                return; // the thread draining now sees the change
            }
            int missed = 1;
            do {
                IllegalArgumentException badRequest = violation;
                if (!terminated && badRequest != null) {
                    terminate(badRequest);
                } else if (terminated || cancelled) {
                    terminated = true;
                    window.clear();
                } else {
                    emit();
                }
                missed = addAndGet(-missed);
            } while (missed != 0);
        }

        /** Emits the settled head of the window while the subscriber wants reports; ends the stream when due. */
        private void emit() {
            long wanted = requested.get();
            long emitted = 0;
            for (Slot head; (head = window.peek()) != null && head.isSettled();) {
                RuntimeException failure = head.invalid != null ? head.invalid : head.settled.error();
                if (failure != null) {
                    terminate(failure);
                    return;
                }
                if (emitted == wanted) {
                    break;
                }
                window.poll();
                emitted++;
                downstream.onNext(DefaultSyncProducer.report(head.settled.metadata(), null));
                if (cancelled) {
                    return;
                }
                if (++unrequested >= replenishStep) {
                    requestUpstream(unrequested);
                    unrequested = 0;
                }
            }
            if (emitted > 0 && wanted != Long.MAX_VALUE) {
                requested.addAndGet(-emitted);
            }
            if (upstreamDone && window.isEmpty()) {
                terminated = true;
                Throwable failure = upstreamFailure;
                if (failure != null) {
                    downstream.onError(failure);
                } else {
                    downstream.onComplete();
                }
            }
        }

        /**
         * On a Vert.x context, asks at once: the upstream then runs there. Elsewhere, hands the demand to an executor
         * task, only one at a time so that requests to the upstream stay serial (rule 2.7).
         */
        private void requestUpstream(long n) {
            if (context.isVertx()) {
                upstream.request(n);
            } else if (upstreamDemand.getAndAdd(n) == 0) {
                try {
                    Infrastructure.getDefaultExecutor().execute(this::passDemand);
                } catch (RejectedExecutionException shuttingDown) {
                    passDemand();
                }
            }
        }

        private void passDemand() {
            long n = upstreamDemand.get();
            while (n != 0) {
                if (!cancelled) {
                    upstream.request(n);
                }
                n = upstreamDemand.addAndGet(-n);
            }
        }

        private void terminate(Throwable failure) {
            terminated = true;
            cancelled = true;
            Flow.Subscription subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
            window.clear();
            downstream.onError(failure);
        }
    }
}
