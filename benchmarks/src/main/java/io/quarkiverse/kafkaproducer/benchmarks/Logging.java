package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging as a Quarkus application has it: INFO to the console, Kafka at WARN.
 * <p>
 * Needed because quarkus-core on the class path brings Quarkus' initial log configurator, which outside a started
 * Quarkus application leaves every level enabled and buffers every record in a delayed handler: the Kafka client's
 * TRACE messages were then formatted for each record, dominating both the time and the allocation measured.
 */
final class Logging {

    private Logging() {
    }

    static void configure() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        Logger root = LogContext.getLogContext().getLogger("");
        root.clearHandlers();
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR,
                new PatternFormatter("[%d{HH:mm:ss}] %-5p [%c{3.}] %s%e%n"));
        console.setLevel(Level.INFO);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        LogContext.getLogContext().getLogger("org.apache.kafka").setLevel(Level.WARNING);
    }
}
