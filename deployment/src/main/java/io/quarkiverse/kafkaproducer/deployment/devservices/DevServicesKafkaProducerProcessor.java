package io.quarkiverse.kafkaproducer.deployment.devservices;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.kafkaproducer.broker.SharedKafkaBroker;
import io.quarkiverse.kafkaproducer.runtime.dev.KafkaProducerJsonRpcService;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Starts a real Kafka broker, without Docker, in dev and test mode when the application has none configured.
 * <p>
 * Quarkus' Dev Services registry owns the broker: one broker serves every test class of a run and every live reload,
 * restarted only when this configuration changes, and closed when the run ends. In dev mode, applications share a
 * broker by service name unless {@code shared} is false; tests always have one of their own, as with Quarkus'
 * container-based Dev Services.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
public class DevServicesKafkaProducerProcessor {

    private static final Logger LOG = Logger.getLogger(DevServicesKafkaProducerProcessor.class);

    static final String FEATURE = "kafka-producer";
    static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    static final String QUARKUS_KAFKA_DEV_SERVICES = "quarkus.kafka.devservices.enabled";
    static final String LOG_DIRECTORY = "kafka-producer-devservices";

    @BuildStep
    DevServicesResultBuildItem startKafkaBroker(KafkaProducerDevServicesConfig config, OutputTargetBuildItem target,
            LaunchModeBuildItem launchMode) {
        if (!config.enabled()) {
            LOG.debug("Not starting Dev Services for Kafka: quarkus.kafka-producer.devservices.enabled is false");
            return null;
        }
        if (ConfigUtils.isPropertyNonEmpty(BOOTSTRAP_SERVERS)) {
            LOG.debug("Not starting Dev Services for Kafka: kafka.bootstrap.servers is configured");
            return null;
        }
        if (quarkusKafkaDevServicesEnabled()) {
            // two brokers would compete for kafka.bootstrap.servers
            LOG.infof("Not starting Dev Services for Kafka without Docker: %s=true asks for Quarkus' container-based"
                    + " Dev Services for Kafka instead", QUARKUS_KAFKA_DEV_SERVICES);
            return null;
        }
        if (config.shared() && launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT) {
            try {
                SharedKafkaBroker.registryOf(config.serviceName());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("quarkus.kafka-producer.devservices.service-name: " + e.getMessage(),
                        Set.of("quarkus.kafka-producer.devservices.service-name"));
            }
            return DevServicesResultBuildItem.owned()
                    .feature(FEATURE)
                    .description("Apache Kafka broker (KRaft) in a JVM process, shared as '" + config.serviceName() + "'")
                    .serviceConfig(config)
                    .startable(() -> new SharedKafkaBrokerDevService(config))
                    .configProvider(Map.<String, Function<SharedKafkaBrokerDevService, String>> of(
                            BOOTSTRAP_SERVERS, SharedKafkaBrokerDevService::getConnectionInfo,
                            KafkaProducerJsonRpcService.DEV_SERVICES_LOG, SharedKafkaBrokerDevService::logFile,
                            KafkaProducerJsonRpcService.DEV_SERVICES_STARTED, SharedKafkaBrokerDevService::startedAt))
                    .build();
        }
        Path logDirectory = target.getOutputDirectory().resolve(LOG_DIRECTORY);
        return DevServicesResultBuildItem.owned()
                .feature(FEATURE)
                .description("Apache Kafka broker (KRaft) in a JVM process")
                .serviceConfig(config)
                .startable(() -> new KafkaBrokerDevService(config, logDirectory))
                .configProvider(Map.<String, Function<KafkaBrokerDevService, String>> of(
                        BOOTSTRAP_SERVERS, KafkaBrokerDevService::getConnectionInfo,
                        KafkaProducerJsonRpcService.DEV_SERVICES_LOG, KafkaBrokerDevService::logFile,
                        KafkaProducerJsonRpcService.DEV_SERVICES_STARTED, KafkaBrokerDevService::startedAt))
                .build();
    }

    /**
     * Our runtime jar turns Quarkus' container-based Kafka Dev Services off with a low ordinal (see its
     * {@code META-INF/microprofile-config.properties}): without Docker they only print a warning. An application that
     * turns them on again wants them.
     */
    private static boolean quarkusKafkaDevServicesEnabled() {
        return ConfigProvider.getConfig().getOptionalValue(QUARKUS_KAFKA_DEV_SERVICES, Boolean.class).orElse(false);
    }
}
