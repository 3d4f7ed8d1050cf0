package io.quarkiverse.kafkaproducer.runtime.dev;

import java.util.List;
import java.util.Locale;

/** Hides the values of settings that hold secrets: passwords, JAAS configurations, keys and certificates. */
final class SecretMask {

    static final String MASK = "********";

    private static final List<String> SECRET_PARTS = List.of("password", "jaas", "secret", "token", "credential",
            "keystore.key", "certificate", "truststore.certificates", "private");

    private SecretMask() {
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_PARTS.stream().anyMatch(lower::contains) || lower.endsWith(".key");
    }

    static String value(String key, Object value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) ? MASK : String.valueOf(value);
    }
}
