package io.quarkiverse.kafkaproducer.it.named;

import java.util.List;

/** A Java record written as JSON, with a record type of its own inside: both need reflection in a native image. */
public record Order(String id, List<Line> lines) {

    public record Line(String sku, int quantity) {
    }
}
