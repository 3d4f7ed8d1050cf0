package io.quarkiverse.kafkaproducer.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
 * Sends what it receives: through the sync producer, answering with where the record landed, or N times through the
 * async producer.
 */
@Path("/produce")
public class ProducerResource {

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    /** Blocks a worker thread until the broker acknowledged; RESTEasy Reactive runs a blocking signature there. */
    @POST
    @Path("/sync/{topic}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public DeliveryReport sync(@PathParam("topic") String topic, @QueryParam("key") String key, String value) {
        return sync.sendMessage(new ProducerRecord<>(topic, key, value));
    }

    @POST
    @Path("/async/{topic}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String async(@PathParam("topic") String topic, @QueryParam("count") @DefaultValue("1") int count,
            String value) {
        for (int i = 0; i < count; i++) {
            async.sendMessage(topic, String.valueOf(i), value);
        }
        return "handed over " + count + " records\n";
    }
}
