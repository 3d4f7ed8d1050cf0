package io.quarkiverse.kafkaproducer.runtime;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Offers records to the Kafka client and tells "entered" from "would have blocked".
 * <p>
 * The client runs with {@code max.block.ms=0}. When it cannot take a record at once, the Kafka 4.1 client
 * ({@code KafkaProducer.doSend}) catches the {@code ApiException} and calls the record's callback on the calling thread,
 * inside {@code send}: a {@link TimeoutException} "Topic ... not present in metadata after 0 ms." when the topic has no
 * metadata yet (first use, broker down), or its subclass {@code BufferExhaustedException} when the buffer is full.
 * The {@link Delivery} captures an answer given on the sending thread (see {@link Delivery#sendingThread}); a
 * {@link TimeoutException} means "would block" and the record is not settled, so that it can wait in the
 * {@link ParkingLot}; any other answer settles the record as the client gave it.
 */
final class ClientGate implements ParkingLot.Gate {

    private final Producer<byte[], byte[]> producer;
    private final ProducerEngine engine;

    ClientGate(Producer<byte[], byte[]> producer, ProducerEngine engine) {
        this.producer = producer;
        this.engine = engine;
    }

    @Override
    public boolean tryEnter(Delivery delivery) {
        delivery.sendingThread = Thread.currentThread();
        try {
            producer.send(delivery.record, delivery);
        } catch (RuntimeException e) {
            // Not an API exception: the client is closed or broken. The record fails alone, reported as usual.
            delivery.sendingThread = null;
            engine.settle(delivery, null, e);
            return true;
        }
        delivery.sendingThread = null;
        if (!delivery.answeredInSend) {
            return true;
        }
        delivery.answeredInSend = false;
        Exception answer = delivery.answerException;
        RecordMetadata metadata = delivery.answerMetadata;
        delivery.answerException = null;
        delivery.answerMetadata = null;
        if (answer instanceof TimeoutException) {
            // A metadata error that retrying cannot cure (say, not authorized for the topic) fails at once, as the
            // client would have failed it after waiting.
            if (answer.getCause() instanceof ApiException && !(answer.getCause() instanceof RetriableException)) {
                engine.settle(delivery, metadata, (Exception) answer.getCause());
                return true;
            }
            delivery.lastRefusal = answer;
            return false;
        }
        engine.settle(delivery, metadata, answer);
        return true;
    }

    @Override
    public void fail(Delivery delivery, Exception cause) {
        engine.settle(delivery, null, cause);
    }
}
