package io.quarkiverse.kafkaproducer.it.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.kafkaproducer.broker.SharedKafkaBroker;

/**
 * Two applications in dev mode, each run by {@code mvn quarkus:dev} in processes of their own, share the Dev Services
 * broker: the second finds the one the first started. The broker outlives the first, killed by {@code SIGKILL}, keeps
 * its records, and stops when the second stops; no process is left behind.
 */
class SharedDevBrokerTest {

    private static final Duration DEV_MODE_START = Duration.ofMinutes(4);
    private static final Duration BROKER_GONE = Duration.ofSeconds(30);
    private static final String BROKER_MAIN = "io.quarkiverse.kafkaproducer.broker.BrokerMain";

    @TempDir
    Path work;

    private final List<DevModeApp> apps = new ArrayList<>();

    @AfterEach
    void killApps() {
        apps.forEach(DevModeApp::kill);
    }

    @Test
    void theSecondApplicationUsesTheBrokerOfTheFirstWhichOutlivesItAndStopsWithTheLast() throws Exception {
        Path target = Files.createDirectories(Path.of("target", "dev-mode"));
        Path repository = LocalRepository.write(Path.of(System.getProperty("project.root")),
                System.getProperty("project.version"), Path.of("target", "dev-mode", "repository"));
        // a name of its own: a developer's applications on this machine share "kafka"
        String serviceName = "dev-mode-test-" + ProcessHandle.current().pid();
        Path registry = SharedKafkaBroker.registryOf(serviceName);
        List<String> properties = List.of("quarkus.kafka-producer.devservices.service-name=" + serviceName);
        Path source = Path.of("src", "it", "shared-dev-app");
        String topic = "shared-dev-broker";

        DevModeApp first = start("first", source, repository, target, properties).awaitListening(DEV_MODE_START);
        ProcessHandle broker = first.applicationJvm().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(BROKER_MAIN))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The first application started no broker; its output:\n"
                        + first.logTail()));
        String[] firstAnswer = first.send(topic, "from the first").split(" ");
        assertThat(firstAnswer[2]).as("offset").isEqualTo("0");

        DevModeApp second = start("second", source, repository, target, properties).awaitListening(DEV_MODE_START);
        assertThat(second.logTail()).contains("uses the broker at " + firstAnswer[0]);
        List<ProcessHandle> processes = new ArrayList<>(first.processes());
        processes.addAll(second.processes());
        assertThat(second.processes()).as("the second application started no broker")
                .noneMatch(process -> process.info().commandLine().orElse("").contains(BROKER_MAIN));

        ProcessHandle firstJvm = first.applicationJvm();
        firstJvm.destroyForcibly();
        assertThat(first.maven().waitFor(60, TimeUnit.SECONDS)).as("Maven ends with its application").isTrue();
        // the broker has dropped the dead application's lease, and still serves the other one, with its records
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leases(registry)).hasSize(1));
        assertThat(broker.isAlive()).isTrue();
        String[] secondAnswer = second.send(topic, "from the second").split(" ");
        assertThat(secondAnswer).containsExactly(firstAnswer[0], firstAnswer[1], "1");

        // a normal stop, as Ctrl+C does: Quarkus closes its Dev Services, which releases the lease
        second.applicationJvm().destroy();
        await().atMost(BROKER_GONE).until(() -> !broker.isAlive());
        assertThat(second.maven().waitFor(60, TimeUnit.SECONDS)).as("Maven ends with its application").isTrue();
        assertThat(processes).as("processes left behind").noneMatch(ProcessHandle::isAlive);
        assertThat(registry.resolve("broker.properties")).doesNotExist();
    }

    private DevModeApp start(String name, Path source, Path repository, Path target, List<String> properties)
            throws Exception {
        DevModeApp app = DevModeApp.start(name, source, work, repository, target.resolve(name + ".log"), properties);
        apps.add(app);
        return app;
    }

    private static List<Path> leases(Path registry) throws Exception {
        try (Stream<Path> leases = Files.list(registry.resolve("leases"))) {
            return leases.toList();
        }
    }
}
