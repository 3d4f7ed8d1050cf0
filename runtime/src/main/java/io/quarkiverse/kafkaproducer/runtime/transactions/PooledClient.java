package io.quarkiverse.kafkaproducer.runtime.transactions;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.Producer;

/** One Kafka client of a transactional producer, with the index that makes its {@code transactional.id}. */
final class PooledClient {

    private final int index;
    private final String transactionalId;
    private final String clientId;
    private final Producer<byte[], byte[]> producer;
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * @param index its place in the pool, from 0; stable across restarts, so that a restarted application fences its
     *        earlier instance
     * @param transactionalId the producer's {@code transactional-id-prefix} followed by the index
     */
    PooledClient(int index, String transactionalId, String clientId, Producer<byte[], byte[]> producer) {
        this.index = index;
        this.transactionalId = transactionalId;
        this.clientId = clientId;
        this.producer = producer;
    }

    int index() {
        return index;
    }

    String transactionalId() {
        return transactionalId;
    }

    /** Its Kafka {@code client.id}: the producer's, followed by the index. */
    String clientId() {
        return clientId;
    }

    Producer<byte[], byte[]> producer() {
        return producer;
    }

    /** True once: for the first of the threads that close this client (the pool's close and its transaction's end). */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }
}
