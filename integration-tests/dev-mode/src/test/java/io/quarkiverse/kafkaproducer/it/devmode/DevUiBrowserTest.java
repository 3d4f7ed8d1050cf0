package io.quarkiverse.kafkaproducer.it.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The demo's Dev UI card in a real browser (headless Chromium), with the demo run by {@code mvn quarkus:dev} as the
 * README says: the card lists the producers, the live counter moves as records are sent, and a record sent through the
 * form is answered with its delivery report. Saves screenshots under {@code target/screenshots} for the docs.
 */
class DevUiBrowserTest {

    private static final Duration DEV_MODE_START = Duration.ofMinutes(4);
    private static final Duration PAGE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private DevModeApp demo;

    @AfterEach
    void stopDemo() {
        if (demo != null) {
            demo.kill();
        }
    }

    @Test
    void theCardShowsTheProducersTheirLiveFiguresAndSendsARecord() throws Exception {
        Path root = Path.of(System.getProperty("project.root"));
        Path repository = LocalRepository.write(root, System.getProperty("project.version"),
                Path.of("target", "dev-mode", "repository"));
        Path screenshots = Path.of("target", "screenshots");
        demo = DevModeApp.start("demo", root.resolve("demo"), work, repository,
                Files.createDirectories(Path.of("target", "dev-mode")).resolve("demo.log"),
                List.of("quarkus.http.port=0", "quarkus.kafka-producer.devservices.shared=false"))
                .awaitListening(DEV_MODE_START);
        String base = "http://localhost:" + demo.port();
        post(base + "/demo/sync/orders?key=order-1", "hello");
        post(base + "/demo/async/clicks?count=1000", "click");

        try (DevUiBrowser browser = DevUiBrowser.start()) {
            browser.open(base + "/q/dev-ui/extensions");
            WebElement producersLink = await().atMost(PAGE)
                    .until(() -> browser.findByText("a, qwc-extension-link, span", "Producers"), link -> link != null);
            screenshot(browser, screenshots.resolve("dev-ui-card.png"));

            browser.click(producersLink);
            awaitElement(browser, "qwc-kafka-producer-producers", "tr.producer");
            assertThat(browser.find("qwc-kafka-producer-producers", "tr[data-producer='sync/default']"))
                    .as("the sync producer's row").isNotNull();
            assertThat(browser.find("qwc-kafka-producer-producers", "tr[data-producer='async/default']"))
                    .as("the async producer's row").isNotNull();
            browser.click(browser.find("qwc-kafka-producer-producers", "tr[data-producer='sync/default'] button"));
            awaitElement(browser, "qwc-kafka-producer-producers", "table.settings");
            screenshot(browser, screenshots.resolve("dev-ui-producers.png"));

            openPage(browser, base, "Live");
            await().atMost(PAGE).until(() -> delivered(browser, "sync/default") >= 1);
            long before = delivered(browser, "sync/default");
            for (int i = 0; i < 3; i++) {
                post(base + "/demo/sync/orders?key=order-1", "hello again");
            }
            // the stream refreshes the counter every second, without a page reload
            await().atMost(PAGE).until(() -> delivered(browser, "sync/default") == before + 3);
            screenshot(browser, screenshots.resolve("dev-ui-live.png"));

            openPage(browser, base, "Send a record");
            awaitElement(browser, "qwc-kafka-producer-send", "#topic");
            browser.fill(browser.find("qwc-kafka-producer-send", "#topic"), "orders");
            browser.fill(browser.find("qwc-kafka-producer-send", "#key"), "order-2");
            browser.fill(browser.find("qwc-kafka-producer-send", "#value"), "sent from the Dev UI");
            browser.fill(browser.find("qwc-kafka-producer-send", "#headers"), "source: dev-ui");
            browser.click(browser.find("qwc-kafka-producer-send", "#send"));
            WebElement answer = awaitElement(browser, "qwc-kafka-producer-send", "#answer");
            assertThat(answer.getText()).startsWith("Delivered to orders, partition 0, offset 4");
            screenshot(browser, screenshots.resolve("dev-ui-send.png"));

            openPage(browser, base, "Broker");
            awaitElement(browser, "qwc-kafka-producer-broker", "tr[data-topic='orders']");
            screenshot(browser, screenshots.resolve("dev-ui-broker.png"));
        }
    }

    /** Waits for an element, across shadow roots; a timeout says where the browser is and what its console said. */
    private static WebElement awaitElement(DevUiBrowser browser, String page, String selector) throws Exception {
        try {
            return await().atMost(PAGE).until(() -> browser.find(page, selector), element -> element != null);
        } catch (ConditionTimeoutException e) {
            browser.screenshot(Path.of("target", "screenshots", "failed.png"));
            throw new AssertionError(
                    "No " + selector + " in " + page + " within " + PAGE + " (see target/screenshots/failed.png), "
                            + browser.diagnostics(),
                    e);
        }
    }

    /** Opens a page of the card at its own address, as a bookmark would; the first one was reached from the card. */
    private static void openPage(DevUiBrowser browser, String base, String title) {
        browser.open(base + "/q/dev-ui/quarkus-kafka-producer/" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }

    /**
     * Saves a screenshot for the docs, without Dev UI notifications: the one that Quarkus' extension manager shows here
     * comes from the chained Maven repository of this test, not from a developer's setup.
     */
    private static void screenshot(DevUiBrowser browser, Path file) throws Exception {
        browser.removeNotifications();
        browser.screenshot(file);
    }

    private static long delivered(DevUiBrowser browser, String producer) {
        WebElement cell = browser.find("qwc-kafka-producer-live", "tr[data-producer='" + producer + "'] td.delivered");
        return cell == null ? -1 : Long.parseLong(cell.getText().trim());
    }

    private static void post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s answered %s", url, response.body()).isEqualTo(200);
    }
}
