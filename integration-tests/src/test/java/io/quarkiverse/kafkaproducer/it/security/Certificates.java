package io.quarkiverse.kafkaproducer.it.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed broker certificate for 127.0.0.1 and localhost, made with the JDK's {@code keytool}: the broker's key
 * store, a trust store holding the certificate for clients, and a trust store of another certificate, which does not
 * trust the broker. PKCS12 files with passwords of the caller's choice (both trust stores have the same).
 */
record Certificates(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
        Path otherTrustStore) {

    static Certificates create(Path directory, String keyStorePassword, String trustStorePassword) {
        try {
            Files.createDirectories(directory);
            Path keyStore = directory.resolve("broker.p12");
            Path certificate = directory.resolve("broker.crt");
            Path trustStore = directory.resolve("truststore.p12");
            Path otherKeyStore = directory.resolve("other.p12");
            Path otherCertificate = directory.resolve("other.crt");
            Path otherTrustStore = directory.resolve("other-truststore.p12");
            for (Path file : List.of(keyStore, certificate, trustStore, otherKeyStore, otherCertificate, otherTrustStore)) {
                Files.deleteIfExists(file);
            }
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", keyStorePassword);
            keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
                    "-storepass", keyStorePassword, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", trustStorePassword);
            keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=someone-else", "-storetype", "PKCS12", "-keystore", otherKeyStore.toString(),
                    "-storepass", keyStorePassword);
            keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", otherKeyStore.toString(),
                    "-storepass", keyStorePassword, "-file", otherCertificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "other", "-file", otherCertificate.toString(),
                    "-storetype", "PKCS12", "-keystore", otherTrustStore.toString(), "-storepass", trustStorePassword);
            return new Certificates(keyStore, keyStorePassword, trustStore, trustStorePassword, otherTrustStore);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the test certificates in " + directory, e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                // the output names the problem; the arguments hold passwords, so they are not repeated
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
