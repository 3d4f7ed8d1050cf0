package io.quarkiverse.kafkaproducer.broker;

/**
 * A broker could not be resolved, started, stopped or signalled. The message says what happened and, when a broker
 * process was involved, its exit code, the last lines of its log and the log file's path.
 */
public class KafkaClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaClusterException(String message) {
        super(message);
    }

    public KafkaClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
