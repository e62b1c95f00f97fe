package io.shardwise.profiler.sketch;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SpaceSavingTest {

    /** A Zipf(1.1) stream over 100k keys: the classic guarantees must hold for every key. */
    @Test
    void countsOverestimateByAtMostNOverKAndEveryFrequentKeyIsMonitored() {
        int k = 50;
        SpaceSaving sketch = new SpaceSaving(k);
        Map<Long, Long> truth = new HashMap<>();
        Random random = new Random(42);
        ZipfSampler zipf = new ZipfSampler(100_000, 1.1, random);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long key = zipf.next() * 7919L;
            sketch.offer(key, null, random.nextInt(4) == 0);
            truth.merge(key, 1L, Long::sum);
        }
        assertThat(sketch.total()).isEqualTo(n);
        long bound = n / k;
        assertThat(sketch.minCount()).isLessThanOrEqualTo(bound);
        for (HeavyKey h : sketch.snapshot()) {
            long actual = truth.get(h.point());
            assertThat(h.count()).isGreaterThanOrEqualTo(actual);
            assertThat(h.count() - actual).isLessThanOrEqualTo(h.error()).isLessThanOrEqualTo(bound);
            assertThat(h.guaranteed()).isLessThanOrEqualTo(actual);
            assertThat(h.reads() + h.writes() + h.error()).isEqualTo(h.count());
        }
        truth.forEach((key, count) -> {
            if (count > bound) {
                assertThat(sketch.isMonitored(key)).as("key %d with %d > N/k", key, count).isTrue();
            }
            assertThat(sketch.estimate(key)).isGreaterThanOrEqualTo(count);
        });
        // the top of the stream is found exactly
        HeavyKey top = sketch.snapshot()[0];
        assertThat(top.point()).isEqualTo(1L * 7919L);
    }

    /** Many cold keys, some hot keys arriving late and in bursts: the filter must not hide or under-count them. */
    @Test
    void lateHotKeysAreFoundDespiteTheFilter() {
        int k = 16;
        SpaceSaving sketch = new SpaceSaving(k);
        Map<Long, Long> truth = new HashMap<>();
        Random random = new Random(99);
        int n = 0;
        for (int phase = 0; phase < 4; phase++) {
            for (int i = 0; i < 50_000; i++) {
                long key = random.nextInt(5) == 0 ? 1_000_000L + phase * 10 + random.nextInt(3) : random.nextInt(200_000);
                sketch.offer(key, null, false);
                truth.merge(key, 1L, Long::sum);
                n++;
            }
        }
        long bound = n / k;
        for (HeavyKey h : sketch.snapshot()) {
            long actual = truth.get(h.point());
            assertThat(h.count()).isGreaterThanOrEqualTo(actual);
            assertThat(h.guaranteed()).isLessThanOrEqualTo(actual);
            assertThat(h.error()).isLessThanOrEqualTo(bound);
        }
        truth.forEach((key, count) -> {
            assertThat(sketch.estimate(key)).isGreaterThanOrEqualTo(count);
            if (count > bound) {
                assertThat(sketch.isMonitored(key)).isTrue();
            }
        });
        // the hot keys of the last phase are the top three
        HeavyKey[] snap = sketch.snapshot();
        assertThat(snap).hasSize(k);
        assertThat(List.of(snap[0].point(), snap[1].point(), snap[2].point()))
                .containsExactlyInAnyOrder(1_000_030L, 1_000_031L, 1_000_032L);
    }

    @Test
    void exactWhileFewerKeysThanCapacity() {
        SpaceSaving sketch = new SpaceSaving(8);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j <= i; j++) {
                sketch.offer(i, "k" + i, j % 2 == 0);
            }
        }
        HeavyKey[] snap = sketch.snapshot();
        assertThat(snap).hasSize(5);
        assertThat(snap[0].point()).isEqualTo(4);
        assertThat(snap[0].count()).isEqualTo(5);
        assertThat(snap[0].error()).isZero();
        assertThat(snap[0].writes()).isEqualTo(3); // j = 0, 2, 4
        assertThat(snap[0].reads()).isEqualTo(2);
        assertThat(snap[0].value()).isEqualTo("k4");
        assertThat(sketch.minCount()).isZero();
    }

    @Test
    void evictionAndReuseKeepTheTableConsistent() {
        SpaceSaving sketch = new SpaceSaving(4);
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            sketch.offer(random.nextInt(64), null, false);
        }
        HeavyKey[] snap = sketch.snapshot();
        assertThat(snap).hasSize(4);
        for (HeavyKey h : snap) {
            assertThat(sketch.isMonitored(h.point())).isTrue();
            assertThat(sketch.estimate(h.point())).isEqualTo(h.count());
        }
        long sum = 0;
        for (HeavyKey h : snap) {
            sum += h.count();
        }
        assertThat(sum).isLessThanOrEqualTo(100_000); // the monitored counts never exceed N (so min <= N/k)
        sketch.clear();
        assertThat(sketch.size()).isZero();
        assertThat(sketch.isMonitored(snap[0].point())).isFalse();
    }

    @Test
    void coAccessPairsAreCountedOrderFree() {
        CoAccessSketch sketch = new CoAccessSketch(16);
        for (int i = 0; i < 10; i++) {
            sketch.offer(5, 3, 1);
            sketch.offer(3, 5, 1);
        }
        sketch.offer(1, 2, 1);
        sketch.offer(7, 7, 1);
        assertThat(sketch.snapshot()).first().isEqualTo(new CoAccessPair(3, 5, 20, 0));
        assertThat(sketch.snapshot()).hasSize(2);
    }

    /** Inverse-CDF Zipf sampler over 1..n. */
    static final class ZipfSampler {
        private final double[] cdf;
        private final Random random;

        ZipfSampler(int n, double s, Random random) {
            this.random = random;
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        long next() {
            double u = random.nextDouble();
            int lo = 0;
            int hi = cdf.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo + 1;
        }
    }
}
