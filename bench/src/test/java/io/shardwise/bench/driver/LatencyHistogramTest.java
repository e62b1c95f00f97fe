package io.shardwise.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyBucketMidpointFallsBackIntoItsOwnBucket() {
        for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 1_000, 65_535, 1_000_000, 123_456_789_012L}) {
            int index = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.index(LatencyHistogram.midpoint(index))).as("value %d", v).isEqualTo(index);
            assertThat((double) LatencyHistogram.midpoint(index)).isCloseTo(v, within(Math.max(1.0, v * 0.016)));
        }
    }

    @Test
    void quantilesOfAUniformSpreadAreWithinTheBucketError() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 10);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat((double) h.quantile(0.50)).isCloseTo(500_000, within(500_000 * 0.016));
        assertThat((double) h.quantile(0.99)).isCloseTo(990_000, within(990_000 * 0.016));
        assertThat(h.quantile(1.0)).isEqualTo(1_000_000);
    }

    @Test
    void addMergesCountsAndMaximum() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            a.record(1_000);
        }
        b.record(5_000_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(100);
        assertThat(a.max()).isEqualTo(5_000_000);
        assertThat((double) a.quantile(0.5)).isCloseTo(1_000, within(16.0));
        assertThat((double) a.quantile(1.0)).isCloseTo(5_000_000, within(5_000_000 * 0.016));
    }
}
