package io.shardwise.profiler;

import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.forecast.ModelKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped defaults end to end: three virtual days of 10-second buckets with a daily cycle. The history is
 * compacted into 5-minute steps, the daily season (288 steps) is found, and a seasonal model is chosen.
 */
class DefaultConfigTest {

    @Test
    void threeDaysOfTenSecondBucketsLearnTheDay() throws Exception {
        ManualTimeSource clock = new ManualTimeSource(0);
        Profiler profiler = new Profiler(ProfilerConfig.defaults(), clock);
        profiler.registerGroup(0, "orders", KeySpace.range(0, 9_999));
        Random random = new Random(12);
        int bucketsPerDay = 8640;
        for (int b = 0; b < 3 * bucketsPerDay + 60; b++) {
            double rate = 20 + 15 * Math.sin(2 * Math.PI * b / bucketsPerDay);
            int n = (int) Math.round(rate + Math.sqrt(rate) * random.nextGaussian());
            for (int i = 0; i < n; i++) {
                profiler.record(0, random.nextInt(10_000), null, random.nextInt(4) == 0, 0);
            }
            clock.advance(Duration.ofSeconds(10));
            profiler.rollIfDue();
        }
        GroupForecast g = profiler.forecast().group(0);
        assertThat(g.period()).isBetween(286, 290);
        assertThat(g.total().forecast().model()).isIn(ModelKind.HOLT_WINTERS, ModelKind.SEASONAL_NAIVE);
        assertThat(g.total().forecast().error().mase()).isLessThan(g.total().forecast().naiveError().mase());
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        profiler.writeState(state);
        assertThat(state.size()).isLessThan(2_000_000); // compacted: ~870 entries, not 26,000 buckets
    }
}
