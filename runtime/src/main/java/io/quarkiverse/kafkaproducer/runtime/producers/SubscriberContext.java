package io.quarkiverse.kafkaproducer.runtime.producers;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Where a reactive subscription receives its results: the Vert.x context it subscribed on, or, without one, whatever
 * thread settled the record (the Kafka client's network thread).
 */
final class SubscriberContext {

    private final Context context;

    private SubscriberContext(Context context) {
        this.context = context;
    }

    /** The current thread's context, as the subscription starts. */
    static SubscriberContext capture() {
        return new SubscriberContext(Vertx.currentContext());
    }

    /** Whether the subscription started on a Vert.x context, where results are delivered. */
    boolean isVertx() {
        return context != null;
    }

    /** Runs {@code action} on the subscriber's context: at once when already there or when there is none. */
    void run(Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
