package io.quarkiverse.kafkaproducer.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LogRateLimiterTest {

    @Test
    void allowsSomeLinesPerSecondAndCountsTheOthers() {
        LogRateLimiter limiter = new LogRateLimiter(2);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(-1);
        assertThat(limiter.tryAcquire()).isEqualTo(-1);

        AtomicLong reported = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> reported.updateAndGet(previous -> limiter.tryAcquire()) >= 0);
        // the next allowed line learns how many were held back: the two above and the polls before the window turned
        assertThat(reported.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void handsTheSuppressedCountToTheSummaryOnceTheSecondIsOverWithoutAFurtherLine() {
        AtomicLong summarized = new AtomicLong();
        LogRateLimiter limiter = new LogRateLimiter(1, summarized::addAndGet);
        assertThat(limiter.tryAcquire()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> summarized.get() == 3);

        // already summarized: the next allowed line has nothing more to report
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> limiter.tryAcquire() >= 0);
        assertThat(summarized).hasValue(3);
    }
}
