package io.quarkiverse.kafkaproducer.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.smallrye.common.annotation.Identifier;

/** Forwards raw events at high volume; its producer has no meters (see the telemetry page). */
@ApplicationScoped
public class Firehose {

    @Inject
    @Identifier("firehose")
    AsyncProducer<byte[], byte[]> firehose;

    public void forward(byte[] event) {
        firehose.sendMessage("firehose", event);
    }
}
