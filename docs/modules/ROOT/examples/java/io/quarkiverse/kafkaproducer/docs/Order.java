package io.quarkiverse.kafkaproducer.docs;

import java.math.BigDecimal;

/** A value the producers write as JSON: any class without a Kafka serializer of its own goes through Jackson. */
public record Order(String id, String customer, BigDecimal total) {
}
