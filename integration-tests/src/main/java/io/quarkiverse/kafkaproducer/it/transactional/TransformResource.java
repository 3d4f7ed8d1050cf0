package io.quarkiverse.kafkaproducer.it.transactional;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.TransactionalProducer;
import io.smallrye.common.annotation.Identifier;

/**
 * Consume-transform-produce, exactly once: reads an input topic, writes each value upper-cased to an output topic, and
 * commits the input's offsets in the same transaction. {@code POST /transform/<input>/<output>?group=<g>} starts it on a
 * thread of its own; {@code GET /transform} tells how many input records were committed so far.
 */
@Path("/transform")
@ApplicationScoped
public class TransformResource {

    private static final Logger LOG = Logger.getLogger(TransformResource.class);

    @Inject
    TransactionalProducer<String, String> producer;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final AtomicLong committed = new AtomicLong();
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread worker;

    /**
     * @param pauseMillis a pause in every transaction, so that a test can stop the application in the middle
     */
    @POST
    @Path("/{input}/{output}")
    @Produces(MediaType.TEXT_PLAIN)
    public synchronized String start(@PathParam("input") String input, @PathParam("output") String output,
            @QueryParam("group") String group, @QueryParam("pause-ms") long pauseMillis) {
        if (worker != null) {
            return "already running\n";
        }
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // a restarted instance takes over the partitions at once, instead of after the dead one's session timeout
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group + "-instance");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(input));
        worker = new Thread(() -> run(output, pauseMillis), "transformer");
        worker.start();
        return "started\n";
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String committed() {
        return committed.get() + "\n";
    }

    private void run(String output, long pauseMillis) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                producer.inTransaction(tx -> {
                    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                    for (ConsumerRecord<String, String> record : records) {
                        tx.send(output, record.key(), record.value().toUpperCase());
                        next.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    tx.sendOffsets(next, consumer.groupMetadata());
                    pause(pauseMillis);
                    return null;
                });
                committed.addAndGet(records.count());
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException e) {
            LOG.error("The transformer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        Thread running = worker;
        if (running != null) {
            consumer.wakeup();
            running.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
