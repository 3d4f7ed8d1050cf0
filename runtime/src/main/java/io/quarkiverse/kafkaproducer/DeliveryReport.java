package io.quarkiverse.kafkaproducer;

import java.time.Instant;

/**
 * Where the broker stored a record.
 *
 * @param topic the topic the record was written to
 * @param partition the partition the record was written to
 * @param offset the record's offset in the partition, or -1 when the broker does not tell it (with
 *        {@link RequiredAcks#NONE})
 * @param timestamp the record's timestamp as stored (the create time, or the broker's append time for topics with
 *        {@code message.timestamp.type=LogAppendTime}); {@code null} when the broker does not tell it
 */
public record DeliveryReport(String topic, int partition, long offset, Instant timestamp) {
}
