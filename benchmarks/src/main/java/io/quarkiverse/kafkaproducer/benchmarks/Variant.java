package io.quarkiverse.kafkaproducer.benchmarks;

/** One way of producing a workload: our producer, the plain Kafka client or sarama, in one mode. */
interface Variant {

    /** Short and stable: it names the variant in the table, the JSON and the ratios. */
    String name();

    /** Records per timed run at full scale. */
    int records();

    /** Whether it runs in this JVM (and so is warmed up, and its allocation measured). */
    boolean inProcess();

    /**
     * Whether the group's warm-up round runs it: in-process variants warm up this JVM; others may warm up the broker
     * and whatever else they share with the variants they are compared with.
     */
    default boolean warmsUp() {
        return inProcess();
    }

    /**
     * Creates its producer, warms it up, times {@code records} records until the broker acknowledged all of them,
     * and closes the producer; only the sending is timed.
     */
    Measurement run(Workload workload, int records) throws Exception;
}
