package io.quarkiverse.kafkaproducer.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.SyncProducer;

/**
 * The quick start: one endpoint sends through the sync producer and answers where the record landed, the other hands
 * N records to the async producer. The request body is the record's value, whatever its content type, so that
 * {@code curl -d hello ...} works as it is.
 */
@Path("/demo")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    /** What the async endpoint answers. */
    public record HandedOver(String topic, int records, long micros) {
    }

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    /**
     * Sends the body as one record and waits for the broker's acknowledgement. A blocking signature, so Quarkus REST
     * runs it on a worker thread: the sync producer refuses to block an event loop.
     */
    @POST
    @Path("/sync/{topic}")
    public DeliveryReport sync(@PathParam("topic") String topic, @QueryParam("key") String key, String value) {
        return sync.sendMessage(new ProducerRecord<>(topic, key, value));
    }

    /**
     * Hands the body over {@code count} times, keyed 0 to count-1, and answers at once: delivery happens in the
     * background, failures go to the error logger, and every record shows in the meters at {@code /q/metrics}.
     */
    @POST
    @Path("/async/{topic}")
    public HandedOver async(@PathParam("topic") String topic, @QueryParam("count") @DefaultValue("1") int count,
            String value) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            async.sendMessage(topic, Integer.toString(i), value);
        }
        return new HandedOver(topic, count, (System.nanoTime() - start) / 1_000);
    }
}
