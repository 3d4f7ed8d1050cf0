package io.quarkiverse.kafkaproducer.docs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.smallrye.common.annotation.Identifier;

@ApplicationScoped
public class TransferService {

    /** A movement of money, written as JSON. */
    public record Movement(String transferId, String account, BigDecimal amount) {
    }

    // tag::transfer[]
    @Inject
    @Identifier("ledger")
    TransactionalProducer<String, Movement> ledger;

    public void transfer(String transferId, String from, String to, BigDecimal amount) {
        ledger.inTransaction(tx -> { // <1>
            tx.send("debits", from, new Movement(transferId, from, amount.negate()));
            tx.send("credits", to, new Movement(transferId, to, amount));
            if (from.equals(to)) {
                throw new IllegalArgumentException("a transfer needs two accounts"); // <2>
            }
            return null; // <3>
        });
    }
    // end::transfer[]

    // tag::transform[]
    public int transformOnce(KafkaConsumer<String, Movement> consumer) { // <1>
        ConsumerRecords<String, Movement> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
            return 0;
        }
        ledger.inTransaction(tx -> {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (ConsumerRecord<String, Movement> record : records) {
                tx.send("balances", record.key(), record.value()); // <2>
                next.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1)); // <3>
            }
            tx.sendOffsets(next, consumer.groupMetadata()); // <4>
            return null;
        });
        return records.count();
    }
    // end::transform[]
}
