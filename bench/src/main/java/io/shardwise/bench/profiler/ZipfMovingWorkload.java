package io.shardwise.bench.profiler;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.plan.ShardLayout;

import java.util.Random;

/**
 * (a) Zipf(1.1)-skewed access over 200,000 users (hash-sharded), whose hot set moves every 12 hours: the rank ->
 * user mapping is rotated by a seeded random offset, so yesterday's hot users go cold and others heat up.
 */
final class ZipfMovingWorkload implements Workload {
    static final int GROUP = 1;
    private static final int USERS = 200_000;
    private static final int PER_BUCKET = 4_000;
    private static final int ROWS_PER_USER = 10;
    private final double[] cdf;
    private final long[] offsets;

    ZipfMovingWorkload(long seed) {
        cdf = new double[USERS];
        double sum = 0;
        for (int i = 0; i < USERS; i++) {
            sum += 1 / Math.pow(i + 1, 1.1);
            cdf[i] = sum;
        }
        for (int i = 0; i < USERS; i++) {
            cdf[i] /= sum;
        }
        Random r = new Random(seed);
        offsets = new long[days() * 2 + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = r.nextInt(USERS);
        }
    }

    @Override
    public String name() {
        return "zipf-moving";
    }

    @Override
    public String description() {
        return "Zipf(1.1) over 200k users, hot set moves every 12 h, 4000 statements / 10 min";
    }

    @Override
    public KeySpace space() {
        return KeySpace.hash();
    }

    @Override
    public ShardLayout staticLayout() {
        return Layouts.hashRanges(GROUP, 16, (long) USERS * ROWS_PER_USER / 16, ROWS_PER_USER);
    }

    @Override
    public int days() {
        return 3;
    }

    @Override
    public void generate(int bucket, Random random, Sink sink) {
        long offset = offsets[bucket / (BUCKETS_PER_DAY / 2)];
        for (int i = 0; i < PER_BUCKET; i++) {
            int rank = rank(random.nextDouble());
            long user = (rank + offset) % USERS;
            sink.accept(Workload.hashPoint(user), null, random.nextInt(5) == 0);
        }
    }

    private int rank(double u) {
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
        return lo;
    }
}
