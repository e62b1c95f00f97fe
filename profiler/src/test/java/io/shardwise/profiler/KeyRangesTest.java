package io.shardwise.profiler;

import io.shardwise.profiler.record.GroupRecorder;
import io.shardwise.profiler.record.RecorderSettings;
import io.shardwise.profiler.record.Segmentation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Key spaces at the edges of long: the whole signed range (range-sharded groups) and the hash space. */
class KeyRangesTest {

    @Test
    void widthsAndMidpointsSpanTheWholeSignedRange() {
        assertThat(KeyRanges.width(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Math.pow(2, 64));
        assertThat(KeyRanges.width(0, Long.MAX_VALUE)).isEqualTo(Math.pow(2, 63));
        assertThat(KeyRanges.width(5, 5)).isEqualTo(1);
        assertThat(KeyRanges.width(6, 5)).isZero();
        assertThat(KeyRanges.midpoint(Long.MIN_VALUE, Long.MAX_VALUE)).isZero();
        assertThat(KeyRanges.midpoint(4, 5)).isEqualTo(5);
        assertThat(KeyRanges.interpolate(Long.MIN_VALUE, Long.MAX_VALUE, 0.75)).isCloseTo(Long.MAX_VALUE / 2, within(1L << 12));
        assertThat(KeyRanges.interpolate(Long.MIN_VALUE, Long.MAX_VALUE, 0.25)).isCloseTo(Long.MIN_VALUE / 2, within(1L << 12));
        assertThat(KeyRanges.overlap(-10, 10, 0, 100)).isEqualTo(11);
    }

    @Test
    void uniformSegmentsCoverTheWholeSignedRange() {
        Segmentation seg = Segmentation.uniform(KeySpace.range(Long.MIN_VALUE, Long.MAX_VALUE), 8);
        assertThat(seg.size()).isEqualTo(8);
        assertThat(seg.low(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(seg.high(7)).isEqualTo(Long.MAX_VALUE);
        assertThat(seg.low(4)).isCloseTo(0L, within(1L << 12));
        for (int i = 0; i < 8; i++) {
            assertThat(seg.width(i)).isCloseTo(Math.pow(2, 61), within(1e6));
        }
        assertThat(seg.indexOf(-1)).isEqualTo(3);
        assertThat(seg.indexOf(1)).isEqualTo(4);
    }

    @Test
    void aGroupOverAllLongsAdaptsAroundItsLoad() {
        GroupRecorder recorder = new GroupRecorder(1, "ids", KeySpace.range(Long.MIN_VALUE, Long.MAX_VALUE),
                new RecorderSettings(2, 8, 32, 64, 16, 64, 16));
        Random random = new Random(2);
        for (long b = 0; b < 30; b++) {
            for (int i = 0; i < 5000; i++) {
                recorder.record(random.nextInt(1_000_000) - 500_000, null, false, 0); // small ids around 0
            }
            recorder.harvest(b);
        }
        Segmentation seg = recorder.segmentation();
        assertThat(seg.size()).isGreaterThan(8);
        assertThat(seg.width(seg.indexOf(0))).isLessThan(Math.pow(2, 50));
    }
}
