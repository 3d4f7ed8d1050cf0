package io.quarkiverse.kafkaproducer.it.devmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Maven repository holding this build's own artifacts, for applications built by a Maven of their own: {@code verify}
 * installs nothing, so the user's repository may lack them or hold older ones. It is chained before the user's
 * repository ({@code maven.repo.local.tail}), which serves everything else. What the applications download beyond it
 * (dev mode needs a few artifacts that a build does not) lands here, shared by the tests of one build.
 */
final class LocalRepository {

    private static final String GROUP_PATH = "io/quarkiverse/kafkaproducer";

    private LocalRepository() {
    }

    /**
     * @param projectRoot the directory of the project's parent POM
     * @return the repository, with this build's artifacts written afresh
     */
    static Path write(Path projectRoot, String version, Path directory) throws IOException {
        // absolute: the applications' Maven runs in another directory
        Path repository = directory.toAbsolutePath();
        copy(projectRoot.resolve("pom.xml"), repository, "quarkus-kafka-producer-parent", version, "pom");
        module(projectRoot.resolve("broker"), repository, "quarkus-kafka-producer-broker", version);
        module(projectRoot.resolve("runtime"), repository, "quarkus-kafka-producer", version);
        // the runtime's conditional dev dependency: the Dev UI's back end
        module(projectRoot.resolve("runtime-dev"), repository, "quarkus-kafka-producer-dev", version);
        module(projectRoot.resolve("deployment"), repository, "quarkus-kafka-producer-deployment", version);
        return repository;
    }

    private static void module(Path module, Path repository, String artifactId, String version) throws IOException {
        copy(module.resolve("pom.xml"), repository, artifactId, version, "pom");
        Path jar = module.resolve("target").resolve(artifactId + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the project with ./mvnw verify, which packages it"
                    + " before this module");
        }
        copy(jar, repository, artifactId, version, "jar");
    }

    private static void copy(Path file, Path repository, String artifactId, String version, String extension)
            throws IOException {
        Path directory = Files.createDirectories(repository.resolve(GROUP_PATH).resolve(artifactId).resolve(version));
        Files.copy(file, directory.resolve(artifactId + "-" + version + "." + extension),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
