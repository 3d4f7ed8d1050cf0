package io.quarkiverse.kafkaproducer.deployment.devservices;

import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.broker.SharedKafkaBroker;

/**
 * The broker that applications in dev mode share by service name: started by the first, used by the next ones, stopped
 * by itself when none of them is left. Starting takes a lease on it; closing releases the lease.
 */
final class SharedKafkaBrokerDevService extends BrokerDevService {

    private static final Logger LOG = Logger.getLogger(SharedKafkaBrokerDevService.class);

    private final KafkaProducerDevServicesConfig config;
    private volatile SharedKafkaBroker broker;

    SharedKafkaBrokerDevService(KafkaProducerDevServicesConfig config) {
        this.config = config;
    }

    @Override
    public void start() {
        long begin = System.nanoTime();
        SharedKafkaBroker acquired = SharedKafkaBroker.acquire(SharedKafkaBroker.registryOf(config.serviceName()),
                KafkaBrokerDevService.builder(config));
        broker = acquired;
        if (acquired.startedHere()) {
            startedHere(begin);
        } else {
            startedElsewhere();
        }
        if (acquired.startedHere()) {
            LOG.infof("Dev Services for Kafka started a broker at %s, shared as '%s': other applications in dev mode"
                    + " use it, and it stops when the last of them stops. Its log is %s", acquired.bootstrapServers(),
                    config.serviceName(), acquired.logFile());
        } else {
            LOG.infof("Dev Services for Kafka uses the broker at %s, shared as '%s' and started by another application"
                    + " (its settings apply, not this application's). Its log is %s", acquired.bootstrapServers(),
                    config.serviceName(), acquired.logFile());
        }
    }

    @Override
    public String getConnectionInfo() {
        return broker.bootstrapServers();
    }

    @Override
    String logFile() {
        return broker.logFile().toString();
    }

    @Override
    public void close() {
        SharedKafkaBroker acquired = broker;
        if (acquired != null) {
            acquired.close();
        }
    }
}
