package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The timed window shared by every in-process variant: wall time and heap allocation around a body. */
final class TimedRun {

    /**
     * The body of a window: sends its records and returns once the broker acknowledged all of them, with what the
     * threads it started and that ended inside the window used (see {@link #onThreads}), or {@code Totals.NONE}.
     */
    interface Body {
        ThreadMeter.Totals run() throws Exception;
    }

    /** The body of one thread among several: sends the records {@code from} (inclusive) to {@code to}. */
    interface Slice {
        void run(int from, int to) throws Exception;
    }

    private TimedRun() {
    }

    static Measurement time(String variant, long records, Latencies latencies, Failures failures, Body body)
            throws Exception {
        System.gc(); // garbage of the previous run must not be collected inside this window
        ThreadMeter meter = ThreadMeter.start();
        long start = System.nanoTime();
        ThreadMeter.Totals ended = body.run();
        long elapsed = System.nanoTime() - start;
        ThreadMeter.Totals alive = meter.sinceStart();
        long failed = failures.count();
        double delivered = records - failed;
        return new Measurement(variant, records, failed, elapsed / 1e9,
                latencies == null ? Double.NaN : latencies.micros(0.50),
                latencies == null ? Double.NaN : latencies.micros(0.99),
                (alive.allocatedBytes() + ended.allocatedBytes()) / delivered,
                (alive.cpuNanos() + ended.cpuNanos()) / 1e3 / delivered, Double.NaN);
    }

    /**
     * Runs {@code slice} on {@code threads} threads that split {@code records} between them, and waits for all.
     *
     * @return what the threads used while sending (they end before the window does)
     */
    static ThreadMeter.Totals onThreads(int threads, int records, Slice slice) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        LongAdder allocated = new LongAdder();
        LongAdder cpu = new LongAdder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) records * t / threads);
            int to = (int) ((long) records * (t + 1) / threads);
            workers[t] = new Thread(() -> {
                try {
                    go.await();
                    ThreadMeter.Totals before = ThreadMeter.currentThread();
                    slice.run(from, to);
                    ThreadMeter.Totals after = ThreadMeter.currentThread();
                    allocated.add(after.allocatedBytes() - before.allocatedBytes());
                    cpu.add(after.cpuNanos() - before.cpuNanos());
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-sender-" + t);
            workers[t].start();
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new ThreadMeter.Totals(allocated.sum(), cpu.sum());
    }
}
