package io.quarkiverse.kafkaproducer.deployment.devservices;

import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.broker.KafkaCluster;

/** A broker of this application's own: a one-node {@link KafkaCluster}, started and closed by Quarkus' registry. */
final class KafkaBrokerDevService extends BrokerDevService {

    private static final Logger LOG = Logger.getLogger(KafkaBrokerDevService.class);
    private static final long MEGABYTE = 1024 * 1024;

    private final KafkaCluster cluster;

    KafkaBrokerDevService(KafkaProducerDevServicesConfig config, Path logDirectory) {
        this.cluster = builder(config).logDirectory(logDirectory).build();
    }

    /** @return a one-node cluster as the configuration asks */
    static KafkaCluster.Builder builder(KafkaProducerDevServicesConfig config) {
        KafkaCluster.Builder builder = KafkaCluster.builder()
                .partitions(config.partitions())
                .heap(Math.max(1, config.brokerHeap().asLongValue() / MEGABYTE) + "m")
                .startTimeout(config.startTimeout());
        config.port().ifPresent(builder::ports);
        return builder;
    }

    @Override
    public void start() {
        long begin = System.nanoTime();
        cluster.start();
        startedHere(begin);
        LOG.infof("Dev Services for Kafka started a broker at %s; its log is %s. Other applications can use it with"
                + " -Dkafka.bootstrap.servers=%s", cluster.bootstrapServers(), cluster.logFile(1),
                cluster.bootstrapServers());
    }

    @Override
    public String getConnectionInfo() {
        return cluster.bootstrapServers();
    }

    @Override
    String logFile() {
        return cluster.logFile(1).toString();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
