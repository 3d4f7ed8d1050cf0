package io.quarkiverse.kafkaproducer.runtime;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Offers records to the Kafka client and tells "entered" from "would have blocked".
 * <p>
 * The client runs with {@code max.block.ms=0}. When it cannot take a record at once, the Kafka 4.1 client
 * ({@code KafkaProducer.doSend}) catches the {@code ApiException} and calls the record's callback on the calling thread,
 * inside {@code send}: a {@link TimeoutException} "Topic ... not present in metadata after 0 ms." when the topic has no
 * metadata yet (first use, broker down), or its subclass {@code BufferExhaustedException} when the buffer is full.
 * The {@link Delivery} captures an answer given on the sending thread (see {@link Delivery#leaveSend()}); a
 * {@link TimeoutException} means "would block" and the record is not settled, so that it can wait in the
 * {@link ParkingLot}; any other answer settles the record as the client gave it. An authentication failure also
 * fails, for a short while, the records the client refuses for lack of metadata (see
 * {@link #recentAuthenticationFailure()}).
 */
final class ClientGate implements ParkingLot.Gate {

    private final Producer<byte[], byte[]> producer;
    private final ProducerEngine engine;
    /** The client's last authentication failure, and when it came; see {@link #recentAuthenticationFailure()}. */
    private volatile AuthenticationException authenticationFailure;
    private volatile long authenticationFailureNanos;

    ClientGate(Producer<byte[], byte[]> producer, ProducerEngine engine) {
        this.producer = producer;
        this.engine = engine;
    }

    /** Offers a parked record, which keeps its record in its extras until the client takes it. */
    @Override
    public boolean tryEnter(Delivery delivery) {
        return tryEnter(delivery, delivery.extras().record);
    }

    /**
     * Offers a record to the client.
     *
     * @return false if the client would have to block (the record is not settled); true if it entered or settled
     */
    boolean tryEnter(Delivery delivery, ProducerRecord<byte[], byte[]> record) {
        delivery.enterSend();
        try {
            producer.send(record, delivery);
        } catch (RuntimeException e) {
            // Not an API exception: the client is closed or broken. The record fails alone, reported as usual.
            delivery.leaveSend();
            forget(delivery);
            engine.settle(delivery, null, e);
            return true;
        }
        Delivery.Answer inSend = delivery.leaveSend();
        if (inSend == null) {
            forget(delivery);
            if (authenticationFailure != null) {
                authenticationFailure = null; // records enter again: a failed login no longer stands in their way
            }
            return true;
        }
        Exception answer = inSend.exception();
        RecordMetadata metadata = inSend.metadata();
        if (answer instanceof TimeoutException) {
            // A metadata error that retrying cannot cure (say, not authorized for the topic) fails at once, as the
            // client would have failed it after waiting.
            if (answer.getCause() instanceof ApiException && !(answer.getCause() instanceof RetriableException)) {
                engine.settle(delivery, metadata, (Exception) answer.getCause());
                return true;
            }
            AuthenticationException loginFailure = recentAuthenticationFailure();
            if (loginFailure != null) {
                engine.settle(delivery, metadata, loginFailure);
                return true;
            }
            delivery.extras().lastRefusal = answer;
            return false;
        }
        if (answer instanceof AuthenticationException loginFailure) {
            authenticationFailureNanos = System.nanoTime();
            authenticationFailure = loginFailure;
        }
        forget(delivery);
        engine.settle(delivery, metadata, answer);
        return true;
    }

    /** Drops a parked record's own reference to its record: the client took it or it settled (see Delivery.Extras). */
    private static void forget(Delivery delivery) {
        Delivery.Extras extras = delivery.extrasOrNull();
        if (extras != null) {
            extras.record = null;
        }
    }

    /**
     * The client tells an authentication failure (wrong password, untrusted certificate) to one {@code send} only, the
     * first that waits for metadata after it; the others it answers "no metadata yet" until its next attempt to log in
     * fails, a second or so later. Without this, parked records would leave one per failed login and the rest would
     * wait for metadata that cannot come, until delivery-timeout, and then fail with a timeout that does not name the
     * cause. With it, records the client refuses for lack of metadata fail at once with the authentication failure,
     * for {@link ProducerDefaults#AUTHENTICATION_FAILURE_HOLD} after it, or until the client takes a record again.
     */
    private AuthenticationException recentAuthenticationFailure() {
        AuthenticationException failure = authenticationFailure;
        if (failure != null
                && System.nanoTime() - authenticationFailureNanos < ProducerDefaults.AUTHENTICATION_FAILURE_HOLD.toNanos()) {
            return failure;
        }
        return null;
    }

    @Override
    public void fail(Delivery delivery, Exception cause) {
        engine.settle(delivery, null, cause);
    }
}
