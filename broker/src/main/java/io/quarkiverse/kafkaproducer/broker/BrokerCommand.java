package io.quarkiverse.kafkaproducer.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The command line that starts a broker JVM: the java binary, JVM options and classpath, and {@link BrokerMain}. */
final class BrokerCommand {

    private BrokerCommand() {
    }

    /**
     * Writes the JVM options to an argument file, which keeps {@code ps} readable, and returns the command.
     *
     * @param heap the maximum heap, e.g. {@code 512m}
     * @param jvmOptions further options, after the defaults so that they win
     */
    static List<String> create(KafkaDistribution distribution, String heap, List<String> jvmOptions, Path argFile) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        // Measured on 2 cores, 1 and 3 brokers: the serial collector with C1 alone started 3 brokers in about 6 s,
        // against 7 to 8 s with C2 (serial or G1). Benchmarks that need C2 pass -XX:TieredStopAtLevel=4, which wins.
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            // the JVM refuses two collectors: let the caller's choice replace this one
            options.add("-XX:+UseSerialGC");
        }
        options.add("-XX:TieredStopAtLevel=1");
        options.add("-XX:+ExitOnOutOfMemoryError");
        // no hsperfdata file in /tmp for each broker
        options.add("-XX:-UsePerfData");
        options.add("-Djava.awt.headless=true");
        options.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        options.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
        options.addAll(jvmOptions);
        options.add("-cp");
        options.add(Stream.concat(distribution.classpath().stream(), Stream.of(ownLocation()))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        try {
            Files.write(argFile, options.stream().map(BrokerCommand::quote).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + argFile, e);
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + argFile);
        command.add(BrokerMain.class.getName());
        return command;
    }

    /** Java argument files treat white space and quotes as separators: quote every option. */
    private static String quote(String option) {
        return "\"" + option.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** @return the jar or directory that holds {@link BrokerMain}, which the broker JVM needs on its classpath */
    static Path ownLocation() {
        try {
            CodeSource source = BrokerMain.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                return Path.of(source.getLocation().toURI());
            }
            // some class loaders define classes without a code source: derive it from the class file's URL
            String classFile = BrokerMain.class.getName().replace('.', '/') + ".class";
            URL url = BrokerMain.class.getClassLoader().getResource(classFile);
            if (url != null && "jar".equals(url.getProtocol())) {
                String file = url.getPath();
                return Path.of(new URL(file.substring(0, file.indexOf("!/"))).toURI());
            }
            if (url != null && "file".equals(url.getProtocol())) {
                Path path = Path.of(url.toURI());
                for (int i = 0; i < classFile.split("/").length; i++) {
                    path = path.getParent();
                }
                return path;
            }
            throw new KafkaClusterException("Cannot locate the jar of " + BrokerMain.class.getName() + " (found " + url
                    + "); it must be on the broker's classpath");
        } catch (URISyntaxException | IOException e) {
            throw new KafkaClusterException("Cannot locate the jar of " + BrokerMain.class.getName(), e);
        }
    }
}
