package io.quarkiverse.kafkaproducer.runtime;

import java.util.concurrent.CountDownLatch;

/** What a sync call waits on: counts down as the records of its call settle. */
final class SettledCountdown extends CountDownLatch implements Delivery.Listener {

    SettledCountdown(int records) {
        super(records);
    }

    @Override
    public void settled(Delivery.Awaited delivery) {
        countDown();
    }
}
