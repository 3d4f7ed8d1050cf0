package io.quarkiverse.kafkaproducer.deployment.devui;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.KafkaProducers;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.smallrye.common.annotation.Identifier;

/** The application whose Dev UI the tests read: three producers, and endpoints that make them work and fail. */
@Path("/devui-app")
@jakarta.inject.Singleton
public class DevUiApp {

    /** A value the tests look for in every answer: the Dev UI must never show it. */
    public static final String VALUE = "value-that-the-dev-ui-never-shows";

    public record Order(String id, double total) {
    }

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    @Identifier("orders")
    SyncProducer<String, Order> orders;

    @Inject
    @Identifier("secret")
    AsyncProducer<String, String> secret;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private SyncProducer<String, String> factoryBuilt;

    /** Sends one record through a producer that the application builds with the factory, and keeps it open. */
    @POST
    @Path("/factory")
    public synchronized String factory(@QueryParam("topic") String topic) {
        if (factoryBuilt == null) {
            factoryBuilt = KafkaProducers.newSyncProducer("devui-app", bootstrapServers, new StringSerializer(),
                    new StringSerializer());
        }
        factoryBuilt.sendMessage(topic, VALUE);
        return "sent";
    }

    @PreDestroy
    synchronized void close() {
        if (factoryBuilt != null) {
            factoryBuilt.close();
        }
    }

    @POST
    @Path("/send")
    public String send(@QueryParam("topic") String topic, @QueryParam("count") int count) {
        for (int i = 0; i < count; i++) {
            sync.sendMessage(topic, "key-" + i, VALUE);
        }
        orders.sendMessage(topic + "-orders", new Order("o-1", 9.5));
        secret.sendMessage(topic + "-secret", VALUE);
        secret.flush();
        return "sent";
    }

    /** Sends to a partition that does not exist: the failure reaches the error logger, and the Dev UI. */
    @POST
    @Path("/fail")
    public String fail(@QueryParam("topic") String topic) {
        sync.sendMessage(topic, "created");
        try {
            sync.sendMessage(new ProducerRecord<>(topic, 42, "key", VALUE));
            return "delivered";
        } catch (ProducerException e) {
            return "failed";
        }
    }
}
