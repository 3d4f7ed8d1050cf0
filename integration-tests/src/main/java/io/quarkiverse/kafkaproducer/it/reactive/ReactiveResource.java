package io.quarkiverse.kafkaproducer.it.reactive;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * HTTP to Kafka without blocking: the endpoint runs on an event loop (its signature returns a {@code Uni}) and answers
 * with where the record landed; it counts where its continuation ran.
 */
@Path("/produce/reactive")
public class ReactiveResource {

    @Inject
    ReactiveProducer<String, String> reactive;

    @Inject
    Continuations continuations;

    @POST
    @Path("/{topic}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DeliveryReport> send(@PathParam("topic") String topic, @QueryParam("key") String key, String value) {
        return reactive.sendMessage(new ProducerRecord<>(topic, key, value)).invoke(continuations::ran);
    }

    /** Where the endpoint's continuations ran. */
    @ApplicationScoped
    public static class Continuations {
        private final LongAdder onEventLoop = new LongAdder();
        private final LongAdder elsewhere = new LongAdder();

        void ran() {
            (Context.isOnEventLoopThread() ? onEventLoop : elsewhere).increment();
        }

        public long onEventLoop() {
            return onEventLoop.sum();
        }

        public long elsewhere() {
            return elsewhere.sum();
        }
    }
}
