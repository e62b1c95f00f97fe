package io.shardwise.bench.profiler;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.plan.ShardLayout;

import java.util.Random;

/**
 * (c) A flash crowd: uniform traffic over 100,000 products, then on day 2 at 10:00 three products suddenly
 * draw 700 statements per 10 minutes each (ramping up over 20 minutes) for six hours.
 */
final class FlashCrowdWorkload implements Workload {
    static final int GROUP = 3;
    private static final int PRODUCTS = 100_000;
    private static final int BASE_PER_BUCKET = 3_000;
    private static final long[] FLASH = {4711, 4712, 90_001};
    private static final int FLASH_START = BUCKETS_PER_DAY + 60;
    private static final int FLASH_BUCKETS = 36;
    private static final int ROWS_PER_PRODUCT = 5;

    @Override
    public String name() {
        return "flash-crowd";
    }

    @Override
    public String description() {
        return "uniform over 100k products, then 3 products get 700 statements / 10 min each for 6 h (day 2, 10:00)";
    }

    @Override
    public KeySpace space() {
        return KeySpace.hash();
    }

    @Override
    public ShardLayout staticLayout() {
        return Layouts.hashRanges(GROUP, 16, (long) PRODUCTS * ROWS_PER_PRODUCT / 16, ROWS_PER_PRODUCT);
    }

    @Override
    public int days() {
        return 3;
    }

    static boolean flashing(int bucket) {
        return bucket >= FLASH_START && bucket < FLASH_START + FLASH_BUCKETS;
    }

    @Override
    public void generate(int bucket, Random random, Sink sink) {
        int base = Workload.poisson(BASE_PER_BUCKET, random);
        for (int i = 0; i < base; i++) {
            sink.accept(Workload.hashPoint(random.nextInt(PRODUCTS)), null, random.nextInt(10) == 0);
        }
        if (flashing(bucket)) {
            double ramp = Math.min(1.0, (bucket - FLASH_START + 1) / 3.0);
            for (long product : FLASH) {
                int n = Workload.poisson(700 * ramp, random);
                long point = Workload.hashPoint(product);
                for (int i = 0; i < n; i++) {
                    sink.accept(point, product, false);
                }
            }
        }
    }
}
