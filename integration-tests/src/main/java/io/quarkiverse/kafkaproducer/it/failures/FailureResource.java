package io.quarkiverse.kafkaproducer.it.failures;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What the error logger received for a topic, in the order it arrived. */
@Path("/failures")
public class FailureResource {

    @Inject
    RecentFailures failures;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RecentFailures.Failure> forTopic(@QueryParam("topic") String topic) {
        return failures.forTopic(topic);
    }
}
