package io.quarkiverse.kafkaproducer.it.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.AsyncProducer;
import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.SyncProducer;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Load for the application-stop test: sync callers and a paced async caller write ledger values ({@code w<writer>:<seq>:})
 * until the application stops. When it stops, before the container closes the producers, the load ends and what
 * was handed over is written to {@code reliability.ledger-file}, so that a test can compare it with the topic.
 */
@ApplicationScoped
public class LoadGenerator {

    private static final Logger LOG = Logger.getLogger(LoadGenerator.class);
    /** The writer number of the async caller; sync callers are 0, 1, ... */
    public static final int ASYNC_WRITER = 9;

    @Inject
    SyncProducer<String, String> sync;

    @Inject
    AsyncProducer<String, String> async;

    @ConfigProperty(name = "reliability.ledger-file")
    Optional<Path> ledgerFile;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong asyncHandedOver = new AtomicLong();
    private final List<SyncCaller> syncCallers = new ArrayList<>();
    private ExecutorService syncPool;
    private ScheduledExecutorService asyncPool;

    /**
     * Starts the load; returns at once.
     *
     * @param asyncPerMillisecond records the async caller hands over each millisecond
     */
    public synchronized void start(String topic, int syncThreads, int asyncPerMillisecond) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("The load runs already");
        }
        syncPool = Executors.newFixedThreadPool(Math.max(1, syncThreads));
        for (int writer = 0; writer < syncThreads; writer++) {
            SyncCaller caller = new SyncCaller(writer, topic);
            syncCallers.add(caller);
            syncPool.execute(caller);
        }
        asyncPool = Executors.newSingleThreadScheduledExecutor();
        asyncPool.scheduleAtFixedRate(() -> {
            for (int i = 0; i < asyncPerMillisecond && running.get(); i++) {
                long seq = asyncHandedOver.get();
                async.sendMessage(topic, String.valueOf(seq), value(ASYNC_WRITER, seq));
                asyncHandedOver.incrementAndGet(); // counted once sendMessage returned: handed over
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
    }

    public long asyncHandedOver() {
        return asyncHandedOver.get();
    }

    public long syncAcknowledged() {
        return syncCallers.stream().mapToLong(c -> c.acknowledged).sum();
    }

    /** The application stops: end the load while the producers are still open, then write down what was sent. */
    synchronized void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        asyncPool.shutdown();
        syncPool.shutdown();
        boolean ended = asyncPool.awaitTermination(30, TimeUnit.SECONDS) & syncPool.awaitTermination(30, TimeUnit.SECONDS);
        Properties ledger = new Properties();
        ledger.setProperty("ended", String.valueOf(ended));
        ledger.setProperty("async.handed-over", String.valueOf(asyncHandedOver.get()));
        for (SyncCaller caller : syncCallers) {
            ledger.setProperty("sync." + caller.writer + ".calls", String.valueOf(caller.calls));
            ledger.setProperty("sync." + caller.writer + ".acknowledged", String.valueOf(caller.acknowledged));
            ledger.setProperty("sync." + caller.writer + ".threw", String.valueOf(caller.threw));
        }
        LOG.infof("Load ended at shutdown: %s", ledger);
        if (ledgerFile.isPresent()) {
            try (var out = Files.newBufferedWriter(ledgerFile.get())) {
                ledger.store(out, "what the load handed over before the producers closed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String value(int writer, long seq) {
        return "w" + writer + ":" + seq + ":" + "p".repeat(64);
    }

    /** One thread of sync calls, one record at a time, round-robin over the topic's first partitions. */
    private final class SyncCaller implements Runnable {

        final int writer;
        final String topic;
        volatile long calls;
        volatile long acknowledged;
        volatile long threw;

        SyncCaller(int writer, String topic) {
            this.writer = writer;
            this.topic = topic;
        }

        @Override
        public void run() {
            for (long seq = 0; running.get(); seq++) {
                try {
                    sync.sendMessage(new ProducerRecord<>(topic, (int) (seq % 3), null, value(writer, seq)));
                    acknowledged++;
                } catch (ProducerException e) {
                    threw++;
                }
                calls++;
            }
        }
    }
}
