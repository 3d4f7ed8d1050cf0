package io.quarkiverse.kafkaproducer.runtime.engine;

import java.util.List;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.quarkiverse.kafkaproducer.runtime.settings.ProducerDefaults;

/**
 * Offers records to the Kafka client and tells "entered", "refused for now" and "failed" apart.
 * <p>
 * The client runs with {@code max.block.ms=0}. When it cannot take a record at once, the Kafka 4.1 client
 * ({@code KafkaProducer.doSend}) catches the {@code ApiException} and calls the record's callback on the calling thread,
 * inside {@code send}: a {@link TimeoutException} ("Topic ... not present in metadata after 0 ms.") when the topic, or
 * the record's partition, has no metadata yet (first use, broker down), or its subclass
 * {@code BufferExhaustedException} when the buffer is full. {@code KafkaClientContractTest} pins this behaviour. The
 * {@link Delivery} captures an answer given on the sending thread; a {@link TimeoutException} means "would block" and
 * the record is not settled, so that the lot can keep it, unless waiting cannot cure the refusal:
 * <ul>
 * <li>a metadata error that retrying cannot cure (not authorized for the topic);</li>
 * <li>an explicit partition at or above the topic's partition count, once that count is known: the client would wait
 * for the topic to grow until the timeout, and meanwhile hold back every later record of the topic;</li>
 * <li>a recent failure to log in (see {@link #recentAuthenticationFailure()}).</li>
 * </ul>
 * Any other answer settles the record as the client gave it.
 */
final class ClientGate {

    private final Producer<byte[], byte[]> client;
    private final Settler settler;
    /** The client's last authentication failure, and when it came; see {@link #recentAuthenticationFailure()}. */
    private volatile AuthenticationException authenticationFailure;
    private volatile long authenticationFailureNanos;

    ClientGate(Producer<byte[], byte[]> client, Settler settler) {
        this.client = client;
        this.settler = settler;
    }

    /**
     * Offers a record to the client.
     *
     * @return false if the client refused it for now (it is not settled); true if it entered the client or settled
     */
    boolean offer(Delivery delivery, ProducerRecord<byte[], byte[]> record) {
        delivery.enterSend();
        try {
            client.send(record, delivery);
        } catch (RuntimeException e) {
            // Not an API exception: the client is closed or broken. The record fails alone, reported as usual.
            delivery.leaveSend();
            forget(delivery);
            settler.fail(delivery, record, e);
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
        if (answer instanceof TimeoutException) {
            Exception incurable = incurable(record, answer);
            if (incurable != null) {
                forget(delivery);
                settler.answered(delivery, record, inSend.metadata(), incurable);
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
        settler.answered(delivery, record, inSend.metadata(), answer);
        return true;
    }

    /** Why a record the client refused for now will not enter by waiting, or null if it may. */
    private Exception incurable(ProducerRecord<byte[], byte[]> record, Exception refusal) {
        if (refusal.getCause() instanceof ApiException cause && !(cause instanceof RetriableException)) {
            return cause; // the client would have failed it after waiting, with this cause
        }
        Integer partition = record.partition();
        if (partition != null) {
            int partitions = knownPartitionCount(record.topic());
            if (partitions >= 0 && partition >= partitions) {
                return new UnknownTopicOrPartitionException("Partition " + partition + " of topic '" + record.topic()
                        + "' does not exist: the topic has " + partitions + " partition" + (partitions == 1 ? "" : "s")
                        + (partitions > 0 ? " (0 to " + (partitions - 1) + ")" : ""));
            }
        }
        return recentAuthenticationFailure();
    }

    /**
     * The topic's partition count as the client's metadata knows it, or -1 if it has none yet. With
     * {@code max.block.ms=0}, {@code partitionsFor} answers from the metadata at hand, or throws at once.
     */
    private int knownPartitionCount(String topic) {
        try {
            List<PartitionInfo> partitions = client.partitionsFor(topic);
            return partitions == null ? -1 : partitions.size();
        } catch (KafkaException noMetadataYet) {
            return -1;
        }
    }

    /**
     * Drops a waiting record's own reference to its record: the client took it or it settled (see Delivery.Extras).
     * Kept when the error logger takes failed records: the settler drops it once the record settled.
     */
    private void forget(Delivery delivery) {
        Delivery.Extras extras = delivery.extrasOrNull();
        if (extras != null && !settler.keepsRecords()) {
            extras.record = null;
        }
    }

    /**
     * The client tells an authentication failure (wrong password, untrusted certificate) to one {@code send} only, the
     * first that waits for metadata after it; the others it answers "no metadata yet" until its next attempt to log in
     * fails, a second or so later. Without this, waiting records would leave one per failed login and the rest would
     * wait for metadata that cannot come, and then fail with a timeout that does not name the cause. With it, records
     * the client refuses for lack of metadata fail at once with the authentication failure, for
     * {@link ProducerDefaults#AUTHENTICATION_FAILURE_HOLD} after it, or until the client takes a record again.
     */
    private AuthenticationException recentAuthenticationFailure() {
        AuthenticationException failure = authenticationFailure;
        if (failure != null
                && System.nanoTime() - authenticationFailureNanos < ProducerDefaults.AUTHENTICATION_FAILURE_HOLD.toNanos()) {
            return failure;
        }
        return null;
    }
}
