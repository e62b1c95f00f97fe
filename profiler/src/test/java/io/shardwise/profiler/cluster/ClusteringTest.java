package io.shardwise.profiler.cluster;

import io.shardwise.profiler.sketch.CoAccessPair;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusteringTest {

    @Test
    void naturalBreaksRecoverPlantedClusters() {
        Random random = new Random(2);
        double[] values = new double[90];
        for (int i = 0; i < 90; i++) {
            double center = i % 3 == 0 ? 10 : i % 3 == 1 ? 50 : 100;
            values[i] = center + random.nextGaussian() * 3;
        }
        int[] classes = NaturalBreaks.classify(values, 3);
        for (int i = 0; i < 90; i++) {
            assertThat(classes[i]).isEqualTo(i % 3);
        }
    }

    @Test
    void tiersUseALogScale() {
        Random random = new Random(4);
        double[] loads = new double[60];
        for (int i = 0; i < 60; i++) {
            // cold ~1, warm ~100, hot ~10000: on a linear scale cold and warm would merge
            double base = i < 30 ? 1 : i < 50 ? 100 : 10_000;
            loads[i] = base * (1 + 0.2 * random.nextDouble());
        }
        loads[0] = 0;
        Tier[] tiers = TierClassifier.classify(loads);
        for (int i = 0; i < 60; i++) {
            assertThat(tiers[i]).isEqualTo(i < 30 ? Tier.COLD : i < 50 ? Tier.WARM : Tier.HOT);
        }
        assertThat(TierClassifier.classify(new double[] {5, 5, 5})).containsOnly(Tier.WARM);
    }

    @Test
    void coAccessGroupsAreConnectedComponentsAboveTheThreshold() {
        List<CoAccessPair> pairs = List.of(
                new CoAccessPair(1, 2, 50, 0), new CoAccessPair(2, 3, 40, 0),   // 1-2-3
                new CoAccessPair(10, 11, 30, 0),                               // 10-11
                new CoAccessPair(3, 10, 4, 0),                                 // weak: below threshold
                new CoAccessPair(20, 21, 100, 97));                            // guaranteed only 3
        List<Set<Long>> groups = CoAccessGroups.find(pairs, 5, 16);
        assertThat(groups).containsExactly(Set.of(1L, 2L, 3L), Set.of(10L, 11L));
        // the size cap keeps the strongest edges
        assertThat(CoAccessGroups.find(pairs, 5, 2)).contains(Set.of(1L, 2L), Set.of(10L, 11L)).hasSize(2);
    }
}
