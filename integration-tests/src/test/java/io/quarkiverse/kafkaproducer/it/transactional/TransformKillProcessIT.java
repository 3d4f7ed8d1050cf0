package io.quarkiverse.kafkaproducer.it.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.it.harness.TestCluster;

/**
 * Exactly-once consume-transform-produce across a crash: the packaged application transforms 500 input records in
 * transactions that carry the input's offsets ({@code TransformResource}), gets {@code SIGKILL} halfway, in the middle
 * of a transaction, and is started again with the same {@code transactional.id}s. A {@code read_committed} reader then
 * finds each of the 500 outputs once, and the group's committed offsets at the input's end.
 */
class TransformKillProcessIT {

    private static final Path APPLICATION = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final int RECORDS = 500;
    private static final String INPUT = "transform-input";
    private static final String OUTPUT = "transform-output";
    private static final String GROUP = "transformer";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sigkillHalfwayLosesAndDuplicatesNothingForReadCommittedReaders() throws Exception {
        assertThat(APPLICATION).as("the packaged application; run with mvn verify").exists();
        Path work = Files.createDirectories(Path.of("target", "transform-kill"));
        try (TestCluster cluster = TestCluster.start("transform-kill", 1)) {
            cluster.createTopic(INPUT, 3, 1, 1);
            cluster.createTopic(OUTPUT, 3, 1, 1);
            try (KafkaProducer<String, String> input = new KafkaProducer<>(Map.of("bootstrap.servers",
                    cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    input.send(new ProducerRecord<>(INPUT, "k" + i, "value-" + i));
                }
                input.flush();
            }

            int firstPort = freePort();
            Process first = startApplication(cluster, firstPort, work.resolve("first.log"));
            try {
                awaitServing(first, firstPort);
                // 10 records per transaction, 50 ms each: the kill falls in the middle of the run and of a transaction
                startTransformer(firstPort, 50);
                await("halfway").atMost(Duration.ofMinutes(2)).until(() -> committedCount(firstPort) >= RECORDS / 2);
                first.destroyForcibly(); // SIGKILL
                first.waitFor(30, TimeUnit.SECONDS);
                assertThat(committedOffsets(cluster)).as("killed before the end of the input")
                        .isNotEqualTo(endOffsets(cluster, INPUT));
            } finally {
                first.destroyForcibly();
            }
            assertThat(first.isAlive()).isFalse();

            int secondPort = freePort();
            Process second = startApplication(cluster, secondPort, work.resolve("second.log"));
            try {
                awaitServing(second, secondPort);
                startTransformer(secondPort, 0);
                await("the input consumed to its end").atMost(Duration.ofMinutes(2))
                        .until(() -> committedOffsets(cluster).equals(endOffsets(cluster, INPUT)));
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
                second.destroyForcibly();
            }

            List<String> output = readCommitted(cluster.bootstrapServers(), OUTPUT);
            assertThat(output).hasSize(RECORDS);
            assertThat(new HashSet<>(output)).hasSize(RECORDS);
            assertThat(new HashSet<>(output)).isEqualTo(
                    java.util.stream.IntStream.range(0, RECORDS).mapToObj(i -> "VALUE-" + i).collect(Collectors.toSet()));
        }
    }

    private static Process startApplication(TestCluster cluster, int port, Path log) throws IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-Dkafka.bootstrap.servers=" + cluster.bootstrapServers(),
                "-Dquarkus.http.port=" + port,
                "-jar", APPLICATION.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void awaitServing(Process application, int port) {
        await("the application serves").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> {
                    assertThat(application.isAlive()).as("the application runs").isTrue();
                    return get(port, "/transform").statusCode() == 200;
                });
    }

    private void startTransformer(int port, long pauseMillis) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/transform/" + INPUT + "/" + OUTPUT + "?group=" + GROUP + "&pause-ms=" + pauseMillis))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(200);
    }

    private long committedCount(int port) throws IOException, InterruptedException {
        return Long.parseLong(get(port, "/transform").body().trim());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<TopicPartition, Long> committedOffsets(TestCluster cluster) throws Exception {
        return cluster.admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> endOffsets(TestCluster cluster, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(cluster.bootstrapServers())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The whole topic as {@code read_committed} consumers see it. */
    static List<String> readCommitted(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read %s to %s within a minute", topic, ends).isLessThan(deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("isolation.level", "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
