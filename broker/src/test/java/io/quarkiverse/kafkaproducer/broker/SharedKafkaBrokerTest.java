package io.quarkiverse.kafkaproducer.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVMs share one broker: the first starts it, the others join, it outlives the one that started it, even killed by
 * SIGKILL, and stops with its last user, leaving no process and no data behind.
 */
class SharedKafkaBrokerTest {

    private static final Duration BROKER_GONE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<Process> holders = new ArrayList<>();

    @AfterEach
    void killHolders() {
        holders.forEach(Process::destroyForcibly);
    }

    @Test
    void outlivesTheJvmThatStartedItAndStopsWithItsLastUser() throws Exception {
        Path registry = temp.resolve("registry");
        // both at once: the registry's lock lets one start the broker and the other join it
        Holder first = Holder.start(registry, temp.resolve("first.log"), holders);
        Holder second = Holder.start(registry, temp.resolve("second.log"), holders);
        Holder.Ready a = first.awaitReady();
        Holder.Ready b = second.awaitReady();
        assertThat(b.bootstrapServers()).isEqualTo(a.bootstrapServers());
        assertThat(b.brokerPid()).isEqualTo(a.brokerPid());
        assertThat(List.of(a.startedHere(), b.startedHere())).containsExactlyInAnyOrder(true, false);
        Holder starter = a.startedHere() ? first : second;
        Holder joiner = a.startedHere() ? second : first;
        ProcessHandle broker = ProcessHandle.of(a.brokerPid()).orElseThrow();
        Path data = brokerDataDirectory(registry);
        assertThat(leases(registry)).hasSize(2);

        starter.process().destroyForcibly();
        assertThat(starter.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        // the broker has seen that its starter is gone: it dropped that lease, and serves the other user
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leases(registry)).hasSize(1));
        assertThat(broker.isAlive()).isTrue();
        assertThat(send(a.bootstrapServers()).offset()).isZero();

        joiner.release();
        await().atMost(BROKER_GONE).until(() -> !broker.isAlive());
        assertThat(registry.resolve(SharedRegistry.BROKER_FILE)).doesNotExist();
        assertThat(data).doesNotExist();
    }

    @Test
    void ctrlCInTheTerminalOfTheStarterLeavesTheBrokerToItsOtherUsers() throws Exception {
        Path registry = temp.resolve("registry");
        // the starter leads a process group of its own, as a terminal's foreground job does
        Holder starter = Holder.start(registry, temp.resolve("starter.log"), holders, "setsid");
        Holder.Ready started = starter.awaitReady();
        assertThat(started.startedHere()).isTrue();
        Holder joiner = Holder.start(registry, temp.resolve("joiner.log"), holders);
        assertThat(joiner.awaitReady().brokerPid()).isEqualTo(started.brokerPid());
        ProcessHandle broker = ProcessHandle.of(started.brokerPid()).orElseThrow();

        // what Ctrl+C does: SIGINT to every process of the terminal's process group
        Process interrupt = new ProcessBuilder("kill", "-INT", "--", "-" + starter.process().pid()).start();
        assertThat(interrupt.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupt.exitValue()).isZero();
        assertThat(starter.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leases(registry)).hasSize(1));
        assertThat(broker.isAlive()).isTrue();
        assertThat(send(started.bootstrapServers()).offset()).isZero();

        joiner.release();
        await().atMost(BROKER_GONE).until(() -> !broker.isAlive());
    }

    @Test
    void stopsWhenEveryUserWasKilledAndTheNextUserStartsANewOne() throws Exception {
        Path registry = temp.resolve("registry");
        Holder only = Holder.start(registry, temp.resolve("only.log"), holders);
        Holder.Ready ready = only.awaitReady();
        ProcessHandle broker = ProcessHandle.of(ready.brokerPid()).orElseThrow();

        only.process().destroyForcibly();
        await().atMost(BROKER_GONE).until(() -> !broker.isAlive());
        assertThat(registry.resolve(SharedRegistry.BROKER_FILE)).doesNotExist();

        try (SharedKafkaBroker next = SharedKafkaBroker.acquire(registry, KafkaCluster.builder())) {
            assertThat(next.startedHere()).isTrue();
            assertThat(next.pid()).isNotEqualTo(ready.brokerPid());
            assertThat(send(next.bootstrapServers()).offset()).isZero();
            ProcessHandle nextBroker = ProcessHandle.of(next.pid()).orElseThrow();
            next.close();
            await().atMost(BROKER_GONE).until(() -> !nextBroker.isAlive());
        }
    }

    @Test
    void aServiceNameThatIsNoFileNameIsRefused() {
        assertThatThrownBy(() -> SharedKafkaBroker.registryOf("../kafka"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../kafka'");
        assertThat(SharedKafkaBroker.registryOf("kafka").getFileName()).hasToString("kafka");
    }

    @Test
    void aClusterOfMoreThanOneNodeIsRefused() {
        assertThatThrownBy(() -> SharedKafkaBroker.acquire(temp, KafkaCluster.builder().brokers(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one node");
    }

    private static RecordMetadata send(String bootstrapServers) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>("shared-" + System.nanoTime(), "key", "value"))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Path> leases(Path registry) throws IOException {
        try (Stream<Path> leases = Files.list(registry.resolve(SharedRegistry.LEASES_DIRECTORY))) {
            return leases.toList();
        }
    }

    private static Path brokerDataDirectory(Path registry) throws IOException {
        Optional<SharedRegistry.Entry> entry = new SharedRegistry(registry).liveBroker();
        assertThat(entry).as("registered broker").isPresent();
        assertThat(entry.get().dataDirectory()).isDirectory();
        return entry.get().dataDirectory();
    }

    /** A JVM that holds a lease on the shared broker, and releases it when asked on its standard input. */
    record Holder(Process process, BufferedReader output, Path log) {

        static final String READY = "READY";
        static final String RELEASE = "release";

        /** @param prefix words before the java command, e.g. {@code setsid} */
        static Holder start(Path registry, Path log, List<Process> started, String... prefix) throws IOException {
            List<String> command = new ArrayList<>(List.of(prefix));
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), registry.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectError(Redirect.to(log.toFile()))
                    .start();
            started.add(process);
            return new Holder(process,
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), log);
        }

        Ready awaitReady() throws IOException {
            String line = output.readLine();
            assertThat(line).as("the lease holder's output; see " + log).startsWith(READY);
            String[] words = line.split(" ");
            return new Ready(words[1], Long.parseLong(words[2]), Boolean.parseBoolean(words[3]));
        }

        void release() throws Exception {
            process.getOutputStream().write((RELEASE + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("released; see " + log).isTrue();
            assertThat(process.exitValue()).as("exit code; see " + log).isZero();
        }

        record Ready(String bootstrapServers, long brokerPid, boolean startedHere) {
        }

        public static final class Main {

            public static void main(String[] args) throws IOException {
                SharedKafkaBroker broker = SharedKafkaBroker.acquire(Path.of(args[0]), KafkaCluster.builder());
                System.out.println(READY + " " + broker.bootstrapServers() + " " + broker.pid() + " "
                        + broker.startedHere());
                System.out.flush();
                BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = input.readLine()) != null) {
                    if (RELEASE.equals(line)) {
                        broker.close();
                        return;
                    }
                }
            }
        }
    }
}
