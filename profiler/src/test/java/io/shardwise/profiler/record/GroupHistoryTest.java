package io.shardwise.profiler.record;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.analysis.StepSeries;
import io.shardwise.profiler.sketch.CoAccessPair;
import io.shardwise.profiler.sketch.HeavyKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroupHistoryTest {
    private static final KeySpace SPACE = KeySpace.range(0, 799);
    private static final Segmentation EIGHT = Segmentation.uniform(SPACE, 8);

    private static BucketStats bucket(long b, Segmentation seg, Random random) {
        long[] reads = new long[seg.size()];
        long[] writes = new long[seg.size()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = 60 + random.nextInt(100); // at least what the heavy keys below account for
            writes[i] = random.nextInt(20);
        }
        HeavyKey[] keys = {new HeavyKey(150, "hot", 40, 2, 30, 10), new HeavyKey(b % 2 == 0 ? 300 : 400, null, 10, 0, 10, 0)};
        CoAccessPair[] pairs = {new CoAccessPair(1, 2, 5, 1)};
        return new BucketStats(b, seg, reads, writes, keys, pairs, 3, 1, 7, 1000, 500);
    }

    @Test
    void completedStepsAreCompactedWithoutChangingTheirSeries() {
        Random random = new Random(3);
        GroupHistory compacted = new GroupHistory(1000, 3);
        GroupHistory fine = new GroupHistory(1000, 1);
        for (long b = 0; b < 9; b++) {
            BucketStats stats = bucket(b, EIGHT, random);
            compacted.add(stats);
            fine.add(stats);
        }
        assertThat(compacted.size()).isEqualTo(3);
        assertThat(compacted.coveredBuckets()).isEqualTo(9);
        assertThat(fine.size()).isEqualTo(9);
        StepSeries a = new StepSeries(compacted.buckets(), 3);
        StepSeries b = new StepSeries(fine.buckets(), 3);
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.endBucket()).isEqualTo(9);
        assertThat(a.series(BucketStats::total)).containsExactly(b.series(BucketStats::total));
        assertThat(a.series(s -> s.load(100, 349))).containsExactly(b.series(s -> s.load(100, 349)), within(1e-9));
        assertThat(a.series(s -> s.pointLoad(150))).containsExactly(b.series(s -> s.pointLoad(150)));
        BucketStats step = compacted.buckets().get(1);
        assertThat(step.bucket()).isEqualTo(3);
        assertThat(step.span()).isEqualTo(3);
        assertThat(step.heavyKeys().get(0)).isEqualTo(new HeavyKey(150, "hot", 120, 6, 90, 30));
        assertThat(step.pairs()).containsExactly(new CoAccessPair(1, 2, 15, 3));
        assertThat(step.broadcastReads()).isEqualTo(9);
        assertThat(step.transactions()).isEqualTo(21);
        assertThat(step.readLatencyNanos()).isEqualTo(3000);
    }

    @Test
    void aHistoryStartingInsideAStepKeepsThatStepFineAndSkipsIt() {
        Random random = new Random(4);
        GroupHistory h = new GroupHistory(1000, 3);
        for (long b = 1; b < 9; b++) {
            h.add(bucket(b, EIGHT, random));
        }
        assertThat(h.size()).isEqualTo(4); // buckets 1 and 2 fine, steps 1 and 2 compacted
        assertThat(new StepSeries(h.buckets(), 3).size()).isEqualTo(2);
    }

    @Test
    void gapsAreFilledAndTheWindowIsBounded() {
        Random random = new Random(5);
        GroupHistory h = new GroupHistory(30, 3);
        h.add(bucket(0, EIGHT, random));
        h.add(bucket(10, EIGHT, random));
        assertThat(h.coveredBuckets()).isEqualTo(11);
        assertThat(new StepSeries(h.buckets(), 3).size()).isEqualTo(3); // steps 0, 1, 2 complete (with empties)
        for (long b = 11; b < 100; b++) {
            h.add(bucket(b, EIGHT, random));
        }
        assertThat(h.coveredBuckets()).isLessThanOrEqualTo(30).isGreaterThan(26);
        assertThat(h.last().bucket() + h.last().span()).isEqualTo(100);
    }

    @Test
    void aSegmentationChangeInsideAStepKeepsTheCounts() {
        Random random = new Random(6);
        Segmentation finer = new Segmentation(SPACE, new long[] {0, 50, 100, 200, 300, 400, 500, 600, 700});
        List<BucketStats> parts = new ArrayList<>();
        parts.add(bucket(0, EIGHT, random));
        parts.add(bucket(1, EIGHT, random));
        parts.add(bucket(2, finer, random));
        BucketStats merged = BucketStats.merge(parts);
        long total = parts.stream().mapToLong(BucketStats::total).sum();
        assertThat(merged.segmentation()).isEqualTo(finer);
        assertThat((double) merged.total()).isCloseTo(total, within(2.0 * finer.size()));
        double load = parts.stream().mapToDouble(p -> p.load(0, 99)).sum();
        assertThat(merged.load(0, 99)).isCloseTo(load, within(4.0));
    }
}
