package io.quarkiverse.kafkaproducer.benchmarks;

/** A variant that runs in this JVM. */
final class InProcess implements Variant {

    interface Runner {
        Measurement run(Workload workload, int records) throws Exception;
    }

    private final String name;
    private final int records;
    private final Runner runner;

    InProcess(String name, int records, Runner runner) {
        this.name = name;
        this.records = records;
        this.runner = runner;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int records() {
        return records;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Measurement run(Workload workload, int records) throws Exception {
        return runner.run(workload, records);
    }
}
