package io.quarkiverse.kafkaproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consume-transform-produce with the offsets in the transaction, and fencing by a newer instance. */
class ExactlyOnceTest {

    @RegisterExtension
    static final ClassBroker broker = new ClassBroker(3);

    private final List<ProducerException> errors = new CopyOnWriteArrayList<>();

    private TransactionalProducer<String, String> producer(String prefix) {
        return KafkaProducers.newTransactionalProducer("test", broker.bootstrapServers(), prefix,
                new StringSerializer(), new StringSerializer(), ProducerOptions.withErrorLogger(errors::add),
                ProducerOptions.withPoolSize(1));
    }

    @Test
    void consumeTransformProduceWritesEachOutputOnceAndCommitsTheInputOffsets() throws Exception {
        int count = 500;
        try (KafkaProducer<String, String> input = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                input.send(new ProducerRecord<>("eos-input", "k" + i, "v" + i));
            }
            input.flush();
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("group.id", "eos-group");
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed");
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", "37"); // several transactions, of uneven sizes
        int processed = 0;
        try (TransactionalProducer<String, String> transformer = producer("eos-");
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of("eos-input"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (processed < count && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                transformer.inTransaction(tx -> {
                    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                    for (ConsumerRecord<String, String> record : records) {
                        tx.send("eos-output", record.key(), record.value().toUpperCase());
                        next.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    tx.sendOffsets(next, consumer.groupMetadata());
                    return null;
                });
                processed += records.count();
            }
        }
        assertThat(processed).isEqualTo(count);
        List<String> output = CommittedReader.committed(broker.bootstrapServers(), "eos-output");
        assertThat(output).hasSize(count);
        assertThat(new HashSet<>(output)).hasSize(count);
        assertThat(output).allMatch(value -> value.startsWith("V"));
        assertThat(committedOffsets("eos-group")).isEqualTo(endOffsets("eos-input"));
        assertThat(errors).isEmpty();
    }

    @Test
    void aNewerInstanceWithTheSamePrefixFencesTheEarlierOne() {
        try (TransactionalProducer<String, String> earlier = producer("fence-");
                TransactionalProducer<String, String> newer = producer("fence-")) {
            earlier.inTransaction(tx -> {
                tx.send("tx-fencing", "earlier-1");
                return null;
            });
            newer.inTransaction(tx -> {
                tx.send("tx-fencing", "newer-1");
                return null;
            });

            ProducerException fenced = catchThrowableOfType(ProducerException.class, () -> earlier.inTransaction(tx -> {
                tx.send("tx-fencing", "earlier-2");
                tx.send("tx-fencing", "earlier-3");
                return null;
            }));
            assertThat(fenced.getMessage()).contains("nothing of it is visible", "fenced",
                    "a newer instance with transactional.id 'fence-0' took over", "transactional-id-prefix");
            ProducerException refused = catchThrowableOfType(ProducerException.class,
                    () -> earlier.inTransaction(tx -> null));
            assertThat(refused.getMessage()).contains("no transaction was started", "fenced");

            newer.inTransaction(tx -> {
                tx.send("tx-fencing", "newer-2");
                return null;
            });
        }
        assertThat(CommittedReader.committed(broker.bootstrapServers(), "tx-fencing"))
                .containsExactlyInAnyOrder("earlier-1", "newer-1", "newer-2");
        assertThat(errors).hasSize(2);
    }

    private Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }
}
