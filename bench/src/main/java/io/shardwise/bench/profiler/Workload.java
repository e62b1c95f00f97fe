package io.shardwise.bench.profiler;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.plan.ShardLayout;

import java.util.Random;

/** A synthetic workload with a known ground truth, generated bucket by bucket in virtual time. */
interface Workload {
    int BUCKETS_PER_DAY = 144; // 10-minute buckets

    String name();

    String description();

    KeySpace space();

    /** Static hash sharding of the key space over the nodes: the baseline, and the adaptive run's start. */
    ShardLayout staticLayout();

    int days();

    /** Emits the statements of one bucket. */
    void generate(int bucket, Random random, Sink sink);

    interface Sink {
        void accept(long point, Object keyValue, boolean write);
    }

    /** A 64-bit mix (SplitMix64's finaliser) made non-negative: the hash-sharded key point of a key. */
    static long hashPoint(long key) {
        long z = key + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** A Poisson-distributed count (normal approximation above 30). */
    static int poisson(double lambda, Random random) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
