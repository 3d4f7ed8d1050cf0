package io.quarkiverse.kafkaproducer.it.load;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Starts the {@link LoadGenerator} and tells how far it got. */
@Path("/load")
public class LoadResource {

    @Inject
    LoadGenerator load;

    @POST
    @Path("/{topic}")
    @Produces(MediaType.TEXT_PLAIN)
    public String start(@PathParam("topic") String topic, @QueryParam("sync-threads") @DefaultValue("2") int syncThreads,
            @QueryParam("async-per-ms") @DefaultValue("50") int asyncPerMillisecond) {
        load.start(topic, syncThreads, asyncPerMillisecond);
        return "started\n";
    }

    /** {@code <async records handed over> <sync records acknowledged>} */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String progress() {
        return load.asyncHandedOver() + " " + load.syncAcknowledged();
    }
}
