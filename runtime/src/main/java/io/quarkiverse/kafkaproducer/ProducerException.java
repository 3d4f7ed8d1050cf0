package io.quarkiverse.kafkaproducer;

import org.apache.kafka.common.errors.RetriableException;

/**
 * A record was not delivered, or was refused before it was handed over (a key or value the serializer rejects).
 * <p>
 * The message names the producer, its type, the topic, the partition when known and the cause's message. It never
 * holds the record's key or value: they may carry personal data and end up in logs.
 */
public class ProducerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String producerName;
    private final ProducerType producerType;
    private final String topic;
    private final int partition;
    /** The standard message, once built; see {@link #getMessage()}. */
    private transient String standardMessage;

    /**
     * A delivery failure with the standard message:
     * {@code Kafka producer 'orders' (sync) could not deliver a record to topic 'payments' partition 3: <cause>}.
     *
     * @param partition the partition, or -1 when unknown
     * @param cause the Kafka exception
     */
    public ProducerException(String producerName, ProducerType producerType, String topic, int partition,
            Throwable cause) {
        this(null, producerName, producerType, topic, partition, cause, true);
    }

    /**
     * A failure with a message of the caller's choice. The message must not contain the record's key or value.
     */
    public ProducerException(String message, String producerName, ProducerType producerType, String topic,
            int partition, Throwable cause) {
        this(message, producerName, producerType, topic, partition, cause, true);
    }

    /**
     * A failure with or without a stack trace. The producers report failed records to the {@link ProducerErrorLogger}
     * without one: it would show only the producer's own threads (the Kafka client's network thread, as a rule), and
     * filling it in, with the message, would be most of the cost of a failed record when a full queue refuses records
     * by the thousand. Kafka leaves it out of its own API exceptions for the same reason. A sync caller gets an
     * exception with its own stack trace.
     *
     * @param message the message, which must not contain the record's key or value; null for the standard message
     *        (see {@link #ProducerException(String, ProducerType, String, int, Throwable)}), built when first asked for
     * @param writableStackTrace false to leave the stack trace out (see {@link Throwable})
     */
    public ProducerException(String message, String producerName, ProducerType producerType, String topic,
            int partition, Throwable cause, boolean writableStackTrace) {
        super(message, cause, true, writableStackTrace);
        this.producerName = producerName;
        this.producerType = producerType;
        this.topic = topic;
        this.partition = partition;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        if (message != null) {
            return message;
        }
        message = standardMessage;
        if (message == null) {
            Throwable cause = getCause();
            message = describe(producerName, producerType, topic, partition)
                    + (cause == null ? "" : ": " + cause.getMessage());
            standardMessage = message; // a benign race: every thread builds the same string
        }
        return message;
    }

    /**
     * The start of every delivery failure message, e.g.
     * {@code Kafka producer 'orders' (sync) could not deliver a record to topic 'payments' partition 3}.
     */
    public static String describe(String producerName, ProducerType producerType, String topic, int partition) {
        StringBuilder message = new StringBuilder(96)
                .append("Kafka producer '").append(producerName).append("' (")
                .append(producerType == null ? "?" : producerType.tagValue())
                .append(") could not deliver a record to topic '").append(topic).append('\'');
        if (partition >= 0) {
            message.append(" partition ").append(partition);
        }
        return message.toString();
    }

    /** The name of the producer that failed. */
    public String producerName() {
        return producerName;
    }

    /** The type of the producer that failed. */
    public ProducerType producerType() {
        return producerType;
    }

    /** The record's topic. */
    public String topic() {
        return topic;
    }

    /** The record's partition, or -1 when it was not known when the record failed. */
    public int partition() {
        return partition;
    }

    /**
     * Whether sending the record again may succeed: true when the cause is a Kafka
     * {@link RetriableException} (a timeout, a leader change, not enough replicas, ...). Note that a record that
     * failed with a timeout may have been stored all the same: sending it again may duplicate it.
     */
    public boolean isRetriable() {
        return getCause() instanceof RetriableException;
    }
}
