package io.quarkiverse.kafkaproducer.runtime.cdi;

import io.quarkiverse.kafkaproducer.ProducerType;

/** Identifies one configured producer: all injection points with the same type and name share its Kafka client. */
record ProducerKey(ProducerType type, String name) {
}
