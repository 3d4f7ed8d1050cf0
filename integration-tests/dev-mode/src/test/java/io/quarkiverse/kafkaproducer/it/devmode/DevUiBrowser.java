package io.quarkiverse.kafkaproducer.it.devmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium, driven through its chromedriver, with a query that reaches into shadow roots: the Dev UI is made of
 * web components, each rendering into a shadow root of its own.
 */
final class DevUiBrowser implements AutoCloseable {

    /** Depth-first search for the first element matching a CSS selector, across open shadow roots. */
    private static final String DEEP_QUERY = """
            const find = (root, selector) => {
                const found = root.querySelector(selector);
                if (found) return found;
                for (const element of root.querySelectorAll('*')) {
                    if (element.shadowRoot) {
                        const inner = find(element.shadowRoot, selector);
                        if (inner) return inner;
                    }
                }
                return null;
            };
            const host = arguments[1] ? find(document, arguments[0]) : null;
            if (arguments[1]) return host && host.shadowRoot ? find(host.shadowRoot, arguments[1]) : null;
            return find(document, arguments[0]);
            """;

    /** The first element, across shadow roots, of one of the given tags whose own text is exactly the given text. */
    private static final String DEEP_TEXT = """
            const find = (root, tags, text) => {
                for (const element of root.querySelectorAll(tags)) {
                    if (element.textContent.trim() === text) return element;
                }
                for (const element of root.querySelectorAll('*')) {
                    if (element.shadowRoot) {
                        const inner = find(element.shadowRoot, tags, text);
                        if (inner) return inner;
                    }
                }
                return null;
            };
            return find(document, arguments[0], arguments[1]);
            """;

    private final ChromeDriver driver;

    private DevUiBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * @throws org.openqa.selenium.WebDriverException when Chromium or its driver cannot start: the test fails, it is not
     *         skipped
     */
    static DevUiBrowser start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary"));
        // root in CI: no sandbox; small /dev/shm in containers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        // the page's console, for the message of a failing test
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new DevUiBrowser(driver);
    }

    void open(String url) {
        driver.get(url);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** @return the element, or null when none matches yet */
    WebElement find(String selector) {
        return (WebElement) driver.executeScript(DEEP_QUERY, selector, null);
    }

    /**
     * @param host a web component, e.g. {@code qwc-kafka-producer-send}
     * @param selector what to find in its shadow root, and deeper
     * @return the element, or null when none matches yet
     */
    WebElement find(String host, String selector) {
        return (WebElement) driver.executeScript(DEEP_QUERY, host, selector);
    }

    /** @return the element with exactly that text, or null */
    WebElement findByText(String tags, String text) {
        return (WebElement) driver.executeScript(DEEP_TEXT, tags, text);
    }

    /** Sets an input's value as typing would, which Lit reads back from the element. */
    void fill(WebElement input, String value) {
        driver.executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', { bubbles: true }));"
                + " arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", input, value);
    }

    void click(WebElement element) {
        driver.executeScript("arguments[0].click();", element);
    }

    /** @return the page's address and what it wrote to its console: for the message of a failing test */
    String diagnostics() {
        StringBuilder text = new StringBuilder("at ").append(driver.getCurrentUrl()).append("; the console said:");
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            text.append(System.lineSeparator()).append(entry.getLevel()).append(' ').append(entry.getMessage());
        }
        return text.toString();
    }

    /** Removes the Dev UI's notification cards (Vaadin's), wherever they are. */
    void removeNotifications() {
        driver.executeScript("""
                const remove = root => {
                    root.querySelectorAll('vaadin-notification-card').forEach(card => card.remove());
                    root.querySelectorAll('*').forEach(element => element.shadowRoot && remove(element.shadowRoot));
                };
                remove(document);
                """);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
