package io.quarkiverse.kafkaproducer.runtime.settings;

import static org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG;
import static org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
import static org.apache.kafka.clients.producer.ProducerConfig.RETRIES_CONFIG;

import io.quarkiverse.kafkaproducer.ProducerType;

/**
 * Idempotence and in-flight requests, chosen so that records of one partition are stored in the order sent, without
 * duplicates, across retries.
 * <ul>
 * <li>Idempotence is on unless ruled out: by {@code acks} other than {@code all}, by {@code retries=0}, by more than 5
 * requests in flight, or by an explicit {@code enable.idempotence=false}. An explicit {@code enable.idempotence=true}
 * together with one of those is refused (Kafka would refuse it too, with a less helpful message).</li>
 * <li>A sync producer without idempotence allows one request in flight per connection, as sarama does, so that a retried
 * request cannot be overtaken; an explicit {@code max.in.flight.requests.per.connection} above 1 is refused.</li>
 * <li>A transactional producer must be idempotent: anything that rules idempotence out is refused, naming it.</li>
 * <li>An async producer keeps Kafka's in-flight default: without idempotence its ordering across retries is not
 * guaranteed, which the documentation says.</li>
 * </ul>
 */
final class OrderingRules {

    /** Kafka refuses idempotence with more in-flight requests than this. */
    private static final int MAX_IDEMPOTENT_IN_FLIGHT = 5;

    private OrderingRules() {
    }

    static void apply(KafkaProperties config, ProducerType type, String producer) {
        String acks = config.acks();
        Integer retries = config.intValue(RETRIES_CONFIG);
        Integer inFlight = config.intValue(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        Boolean explicitIdempotence = config.booleanValue(ENABLE_IDEMPOTENCE_CONFIG);

        String obstacle = null;
        if (!acks.equals("all")) {
            obstacle = "acks=" + acks + " (required-acks)";
        } else if (retries != null && retries == 0) {
            obstacle = "retries=0 (retry-max)";
        } else if (inFlight != null && inFlight > MAX_IDEMPOTENT_IN_FLIGHT) {
            obstacle = MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + "=" + inFlight + " (at most " + MAX_IDEMPOTENT_IN_FLIGHT
                    + " with idempotence)";
        }
        if (type == ProducerType.TRANSACTIONAL && (obstacle != null || Boolean.FALSE.equals(explicitIdempotence))) {
            throw new IllegalArgumentException(producer + ": transactions need idempotence, which "
                    + (obstacle != null ? obstacle : ENABLE_IDEMPOTENCE_CONFIG + "=false") + " rules out; "
                    + "idempotence needs " + ACKS_CONFIG + "=all, " + RETRIES_CONFIG + " > 0 and "
                    + MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + " <= " + MAX_IDEMPOTENT_IN_FLIGHT);
        }
        if (Boolean.TRUE.equals(explicitIdempotence) && obstacle != null) {
            throw new IllegalArgumentException(producer + ": " + ENABLE_IDEMPOTENCE_CONFIG + "=true cannot be "
                    + "combined with " + obstacle + "; idempotence needs " + ACKS_CONFIG + "=all, " + RETRIES_CONFIG
                    + " > 0 and " + MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + " <= " + MAX_IDEMPOTENT_IN_FLIGHT);
        }
        boolean idempotent = explicitIdempotence != null ? explicitIdempotence : obstacle == null;
        config.put(ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        if (idempotent || type != ProducerType.SYNC) {
            return;
        }
        if (inFlight != null && inFlight > 1) {
            String reason = obstacle != null ? obstacle : ENABLE_IDEMPOTENCE_CONFIG + "=false";
            throw new IllegalArgumentException(producer + ": " + MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + "=" + inFlight
                    + " would let retried records overtake later ones, because idempotence is off (" + reason
                    + "); remove " + MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + " or set it to 1, or enable "
                    + ENABLE_IDEMPOTENCE_CONFIG);
        }
        config.put(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    }
}
