package io.quarkiverse.kafkaproducer.runtime.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.ProducerType;

/** What the card shows of settings and failures: secrets masked, at most 100 failures, newest first. */
class DevFiguresTest {

    @Test
    void secretsAreMaskedAndOtherSettingsShown() {
        for (String key : new String[] { "sasl.jaas.config", "ssl.truststore.password", "ssl.key.password",
                "ssl.keystore.key", "ssl.truststore.certificates", "sasl.oauthbearer.client.credentials.client.secret" }) {
            assertThat(SecretMask.value(key, "s3cr3t")).as(key).isEqualTo(SecretMask.MASK);
        }
        assertThat(SecretMask.value("linger.ms", 5)).isEqualTo("5");
        assertThat(SecretMask.value("bootstrap.servers", "kafka:9092")).isEqualTo("kafka:9092");
    }

    @Test
    void theLastHundredFailuresAreKeptNewestFirst() {
        DevFigures figures = new DevFigures();
        try {
            for (int i = 0; i < 150; i++) {
                figures.failed("sync/default", new ProducerException("failure " + i, "default", ProducerType.SYNC,
                        "topic-" + i, i % 3, null));
            }
            assertThat(figures.failures()).hasSize(DevFigures.FAILURES_KEPT);
            assertThat(figures.failures().get(0).topic()).isEqualTo("topic-149");
            assertThat(figures.failures().get(99).topic()).isEqualTo("topic-50");
        } finally {
            figures.stop();
        }
    }
}
