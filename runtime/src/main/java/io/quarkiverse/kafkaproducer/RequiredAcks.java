package io.quarkiverse.kafkaproducer;

/**
 * How many acknowledgements the broker must collect before a record counts as delivered (Kafka's {@code acks}).
 */
public enum RequiredAcks {
    /**
     * {@code acks=0}: do not wait for the broker at all. The record counts as delivered once written to the socket; its
     * offset is unknown (-1). Rules out idempotence.
     */
    NONE("0"),
    /**
     * {@code acks=1}: the partition leader wrote the record. A record can be lost if the leader fails before the
     * followers copied it. Rules out idempotence.
     */
    LEADER("1"),
    /** {@code acks=all}: every in-sync replica has the record. The default, and required for idempotence. */
    ALL("all");

    private final String kafkaValue;

    RequiredAcks(String kafkaValue) {
        this.kafkaValue = kafkaValue;
    }

    /** The value of Kafka's {@code acks} property: {@code 0}, {@code 1} or {@code all}. */
    public String kafkaValue() {
        return kafkaValue;
    }
}
