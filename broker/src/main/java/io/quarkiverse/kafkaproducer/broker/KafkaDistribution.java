package io.quarkiverse.kafkaproducer.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.utils.AppInfoParser;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactResult;
import org.jboss.logging.Logger;

import io.quarkus.bootstrap.resolver.maven.BootstrapMavenException;
import io.quarkus.bootstrap.resolver.maven.MavenArtifactResolver;

/**
 * The jars of an Apache Kafka broker, {@code org.apache.kafka:kafka_2.13} and its runtime dependencies, resolved from
 * Maven repositories.
 * <p>
 * Resolution uses the Maven settings of the current user (local repository, mirrors, proxies, offline mode): it
 * downloads from Maven Central what the local repository lacks and works offline once the jars are cached. Each version
 * is resolved at most once per JVM; later calls return the cached classpath. Instances are immutable and thread-safe.
 */
public final class KafkaDistribution {

    private static final Logger LOG = Logger.getLogger(KafkaDistribution.class);

    private static final String GROUP_ID = "org.apache.kafka";
    private static final String BROKER_ARTIFACT_ID = "kafka_2.13";
    private static final String SLF4J_GROUP_ID = "org.slf4j";

    private static final Map<String, KafkaDistribution> CACHE = new ConcurrentHashMap<>();

    private final String version;
    private final List<Path> classpath;

    private KafkaDistribution(String version, List<Path> classpath) {
        this.version = version;
        this.classpath = List.copyOf(classpath);
    }

    /**
     * Returns the broker distribution of the same version as the {@code kafka-clients} jar on the classpath, so that
     * clients and broker match.
     *
     * @return the resolved distribution
     * @throws KafkaClusterException if the jars cannot be resolved; the message names the artifact and the reason
     */
    public static KafkaDistribution matchingClients() {
        return of(clientsVersion());
    }

    /**
     * Returns the broker distribution of the given version, resolving and downloading it on first use. This call blocks
     * while Maven resolves the jars (a few seconds with an empty local repository, milliseconds afterwards).
     *
     * @param version a released Apache Kafka version, e.g. {@code 4.1.2}
     * @return the resolved distribution
     * @throws KafkaClusterException if the jars cannot be resolved; the message names the artifact and the reason
     */
    public static KafkaDistribution of(String version) {
        Objects.requireNonNull(version, "version");
        // computeIfAbsent would hold a map lock during a download; a duplicate resolution in a race is harmless
        KafkaDistribution cached = CACHE.get(version);
        if (cached != null) {
            return cached;
        }
        KafkaDistribution resolved = resolve(version);
        KafkaDistribution previous = CACHE.putIfAbsent(version, resolved);
        return previous != null ? previous : resolved;
    }

    /**
     * @return the version of the {@code kafka-clients} jar on the classpath
     * @throws KafkaClusterException if that jar does not report its version
     */
    public static String clientsVersion() {
        String version = AppInfoParser.getVersion();
        if (version == null || version.isBlank() || "unknown".equals(version)) {
            throw new KafkaClusterException("Cannot tell the version of kafka-clients on the classpath (it reports '"
                    + version + "'); choose the Kafka broker version explicitly");
        }
        return version;
    }

    /**
     * @return the Apache Kafka version, e.g. {@code 4.1.2}
     */
    public String version() {
        return version;
    }

    /**
     * @return the broker jars, in resolution order; never empty
     */
    public List<Path> classpath() {
        return classpath;
    }

    @Override
    public String toString() {
        return "Apache Kafka " + version + " (" + classpath.size() + " jars)";
    }

    private static KafkaDistribution resolve(String version) {
        String coordinates = GROUP_ID + ":" + BROKER_ARTIFACT_ID + ":" + version;
        long start = System.nanoTime();
        try {
            MavenArtifactResolver resolver = MavenArtifactResolver.builder()
                    .setWorkspaceDiscovery(false)
                    .build();
            List<Path> jars = new ArrayList<>();
            String slf4jVersion = null;
            for (ArtifactResult result : resolver
                    .resolveDependencies(new DefaultArtifact(coordinates), List.of())
                    .getArtifactResults()) {
                Artifact artifact = result.getArtifact();
                jars.add(artifact.getFile().toPath());
                if (SLF4J_GROUP_ID.equals(artifact.getGroupId()) && "slf4j-api".equals(artifact.getArtifactId())) {
                    slf4jVersion = artifact.getVersion();
                }
            }
            // Kafka's pom brings slf4j-api without a binding (the binary distribution ships log4j separately), so
            // without one the broker would log nothing at all. slf4j-simple is one small jar that logs to stderr.
            if (slf4jVersion != null) {
                jars.add(resolver.resolve(new DefaultArtifact(SLF4J_GROUP_ID + ":slf4j-simple:" + slf4jVersion))
                        .getArtifact().getFile().toPath());
            }
            LOG.debugf("Resolved %s to %d jars in %d ms", coordinates, jars.size(), (System.nanoTime() - start) / 1_000_000);
            return new KafkaDistribution(version, jars);
        } catch (BootstrapMavenException | RuntimeException e) {
            throw new KafkaClusterException("Cannot resolve the Kafka broker " + coordinates
                    + " and its dependencies from the Maven repositories (is the version released, is Maven Central "
                    + "reachable or the jars in the local repository?): " + reason(e), e);
        }
    }

    /** Maven wraps the useful message (offline, not found, unreachable) in several layers. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
    }
}
