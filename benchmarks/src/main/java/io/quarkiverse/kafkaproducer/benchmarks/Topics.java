package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the benchmark's topics and empties them between runs, so that the broker's disk use stays small. */
final class Topics implements AutoCloseable {

    static final int PARTITIONS = 3;

    private final Admin admin;

    Topics(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** 3 partitions, replication factor 1, 64 MiB segments so that emptied records leave the disk soon. */
    void create(String topic) throws Exception {
        NewTopic newTopic = new NewTopic(topic, PARTITIONS, (short) 1)
                .configs(Map.of("segment.bytes", Integer.toString(64 * 1024 * 1024)));
        try {
            admin.createTopics(List.of(newTopic)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Deletes every record written so far (not timed: between runs). */
    void empty(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS)
                .forEach((partition, info) -> delete.put(partition, RecordsToDelete.beforeOffset(info.offset())));
        admin.deleteRecords(delete).all().get(60, TimeUnit.SECONDS);
    }

    void delete(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        admin.close();
    }
}
