package io.shardwise.profiler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler variant of rolling, on the real clock with 20 ms buckets. */
class RollingTest {

    @Test
    void aScheduledRollerPublishesEveryBucket() throws Exception {
        ProfilerConfig config = ProfilerConfig.defaults().withBucket(Duration.ofMillis(20)).withHistory(Duration.ofSeconds(2))
                .withSteps(1, 3).withSeason(-1, 2);
        Profiler profiler = new Profiler(config, TimeSource.system());
        profiler.registerGroup(0, "g", KeySpace.range(0, 999));
        CountDownLatch updates = new CountDownLatch(5);
        AtomicLong recorded = new AtomicLong();
        profiler.addListener(u -> updates.countDown());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<?> rolling = profiler.startRolling(scheduler);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (updates.getCount() > 0 && System.nanoTime() < deadline) {
                profiler.record(0, recorded.incrementAndGet() % 1000, null, false, 0);
                Thread.sleep(1);
            }
            assertThat(updates.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(profiler.latest()).isNotNull();
            assertThat(profiler.latest().forecast().group(0)).isNotNull();
        } finally {
            rolling.cancel(false);
            scheduler.shutdownNow();
        }
    }
}
