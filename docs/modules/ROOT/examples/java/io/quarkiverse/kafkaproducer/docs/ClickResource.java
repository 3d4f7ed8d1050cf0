package io.quarkiverse.kafkaproducer.docs;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.quarkiverse.kafkaproducer.DeliveryReport;
import io.quarkiverse.kafkaproducer.ReactiveProducer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

// tag::resource[]
@Path("/clicks")
public class ClickResource {

    @Inject
    ReactiveProducer<String, String> clicks; // <1>

    @POST
    @Path("/{user}")
    public Uni<DeliveryReport> click(@PathParam("user") String user, String page) { // <2>
        return clicks.sendMessage("clicks", user, page) // <3>
                .onFailure().recoverWithUni(failure -> Uni.createFrom().failure(
                        new jakarta.ws.rs.ServiceUnavailableException("try again later"))); // <4>
    }
    // end::resource[]

    // tag::stream[]
    @POST
    @Path("/replay")
    public Uni<Long> replay(List<String> pages) {
        Multi<ProducerRecord<String, String>> records = Multi.createFrom().iterable(pages)
                .map(page -> new ProducerRecord<>("clicks-replay", page));
        return clicks.sendMessages(records) // <1>
                .collect().with(java.util.stream.Collectors.counting()); // <2>
    }
    // end::stream[]
    // tag::resource[]
}
// end::resource[]
