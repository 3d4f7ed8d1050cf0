package io.quarkiverse.kafkaproducer.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap allocated and CPU time used by the threads of this JVM between two snapshots, from HotSpot's per-thread
 * counters ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} and {@code getThreadCpuTime}).
 * <p>
 * Counted: every thread alive at the end of the window, from the start of the window or from its own start: the
 * calling threads (record creation, serialization, the producer's own work), the Kafka client's network thread
 * (request building, callbacks, telemetry) and the producer's parking thread. Sending threads that end inside the
 * window report their own counts ({@link #currentThread()}). Not counted: allocation outside the Java heap (direct
 * buffers), the broker's JVM, and the benchmark's own bookkeeping outside the window. On a loaded machine CPU time
 * per record is steadier than records per second: it does not count the time a thread waits for a processor.
 */
final class ThreadMeter {

    /** What threads that ended inside the window used. */
    record Totals(long allocatedBytes, long cpuNanos) {
        static final Totals NONE = new Totals(0, 0);
    }

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    private final Map<Long, long[]> start;

    private ThreadMeter(Map<Long, long[]> start) {
        this.start = start;
    }

    static ThreadMeter start() {
        return new ThreadMeter(snapshot());
    }

    /** What the calling thread used since it started. */
    static Totals currentThread() {
        return new Totals(THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()),
                THREADS.getCurrentThreadCpuTime());
    }

    /** What the threads alive now used since {@link #start()}. */
    Totals sinceStart() {
        long bytes = 0;
        long cpu = 0;
        for (Map.Entry<Long, long[]> end : snapshot().entrySet()) {
            long[] before = start.getOrDefault(end.getKey(), new long[2]);
            long threadBytes = end.getValue()[0] - before[0];
            long threadCpu = end.getValue()[1] - before[1];
            bytes += threadBytes;
            cpu += threadCpu;
            if (Boolean.getBoolean("bench.threads") && threadCpu > 10_000_000) {
                java.lang.management.ThreadInfo info = THREADS.getThreadInfo(end.getKey());
                Progress.note(String.format("  thread %-50s cpu %6.0f ms, heap %6.0f MB",
                        info == null ? end.getKey() : info.getThreadName(), threadCpu / 1e6, threadBytes / 1e6));
            }
        }
        return new Totals(bytes, cpu);
    }

    private static Map<Long, long[]> snapshot() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, long[]> snapshot = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (bytes[i] >= 0 && cpu >= 0) {
                snapshot.put(ids[i], new long[] { bytes[i], cpu });
            }
        }
        return snapshot;
    }
}
