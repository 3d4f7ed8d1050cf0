package io.quarkiverse.kafkaproducer.runtime.transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.quarkiverse.kafkaproducer.runtime.engine.RecordSize;
import io.quarkiverse.kafkaproducer.runtime.tracing.SendTracer;

/**
 * The transaction a {@code work} runs in, at the level of serialized records: sends them through its client, keeps
 * each one's answer, and refuses to be used after its work or from another thread.
 * <p>
 * Used by the thread that runs the work only; {@link #end()} and the checks use a volatile flag, so that another
 * thread that got hold of it is refused.
 */
public final class OpenTransaction {

    private final TransactionalEngine engine;
    private final PooledClient client;
    private final Thread owner;
    private final List<TransactionRecord> records = new ArrayList<>();
    private volatile boolean open = true;
    /** Whether the client may run the next transaction: this one committed or was aborted cleanly. */
    private boolean clientReusable;
    /** The first failure of {@link #sendOffsets}, or null. */
    private Exception offsetsFailure;
    private String offsetsGroup;

    OpenTransaction(TransactionalEngine engine, PooledClient client, Thread owner) {
        this.engine = engine;
        this.client = client;
        this.owner = owner;
    }

    /**
     * @throws IllegalStateException the transaction is over, or the calling thread is not the one running its work
     */
    public void checkUsable() {
        if (!open) {
            throw new IllegalStateException(engine.description() + ": this transaction is over; a Transaction is "
                    + "valid only while the work given to inTransaction runs");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(engine.description() + ": this transaction belongs to thread '"
                    + owner.getName() + "'; use it only from the thread that runs its work");
        }
    }

    /**
     * Sends a serialized record in the transaction. Does not wait for the broker; may wait for the topic's metadata or
     * buffer space, up to the client's {@code max.block.ms}. The record's fate is known at commit.
     */
    public void send(ProducerRecord<byte[], byte[]> record) {
        checkUsable();
        ProducerRecord<byte[], byte[]> outgoing = record;
        Object span = null;
        if (engine.tracer() != null) {
            outgoing = SendTracer.withOwnHeaders(record);
            span = engine.tracer().start(outgoing, client.clientId());
        }
        TransactionRecord entry = new TransactionRecord(outgoing.topic(), outgoing.partition(),
                engine.reporter().measures() ? System.nanoTime() : 0, RecordSize.of(outgoing), span);
        records.add(entry);
        try {
            client.producer().send(outgoing, entry);
        } catch (RuntimeException e) {
            // a client in an error state (fenced, closed) throws instead of calling back: the record failed all the same
            entry.onCompletion(null, e);
        }
    }

    /** Adds a consumer group's offsets to the transaction; a failure fails the transaction at commit. */
    public void sendOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        checkUsable();
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(group, "group");
        try {
            client.producer().sendOffsetsToTransaction(offsets, group);
        } catch (RuntimeException e) {
            if (offsetsFailure == null) {
                offsetsFailure = e;
                offsetsGroup = group.groupId();
            }
        }
    }

    /** Ends the work's use of the transaction: every method throws from now on. */
    void end() {
        open = false;
    }

    boolean clientReusable() {
        return clientReusable;
    }

    void clientReusable(boolean reusable) {
        this.clientReusable = reusable;
    }

    PooledClient client() {
        return client;
    }

    List<TransactionRecord> records() {
        return records;
    }

    /** The first record that failed, or null. */
    TransactionRecord firstFailedRecord() {
        for (TransactionRecord record : records) {
            if (record.failure() != null) {
                return record;
            }
        }
        return null;
    }

    Exception offsetsFailure() {
        return offsetsFailure;
    }

    String offsetsGroup() {
        return offsetsGroup;
    }
}
