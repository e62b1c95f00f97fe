package io.shardwise.bench.profiler;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * (b) A daily cycle per region, regions in different time zones; the shard key is the region. Each region's
 * load follows a daytime curve peaking at 14:00 local time, scaled by its population; static hash sharding puts
 * each region on the node its hash picks, which here stacks five regions of neighbouring time zones (UTC-5 to
 * UTC+5:30) on one node: the situation the profiler is for.
 */
final class RegionalDailyWorkload implements Workload {
    static final int GROUP = 2;
    private static final double[] UTC_OFFSET = {-8, -7, -5, -5, -3, 0, 1, 1, 2, 3, 5.5, 9};
    private static final double[] POPULATION = {3, 2, 4, 3, 3, 4, 3, 3, 3, 2, 4, 3};
    private static final double STATEMENTS_PER_POPULATION = 150;
    private static final long ROWS_PER_POPULATION = 250_000;

    @Override
    public String name() {
        return "regional-daily";
    }

    @Override
    public String description() {
        return "12 regions (shard key = region) in 9 time zones, daytime peak at 14:00 local, ~2600 statements / 10 min";
    }

    @Override
    public KeySpace space() {
        return KeySpace.range(0, UTC_OFFSET.length - 1);
    }

    @Override
    public ShardLayout staticLayout() {
        List<ShardSpec> shards = new ArrayList<>();
        for (int r = 0; r < UTC_OFFSET.length; r++) {
            String node = Layouts.NODES.get((int) (Workload.hashPoint(r) % Layouts.NODES.size()));
            shards.add(ShardSpec.range(r, r, r + 1, node, rows(r)));
        }
        double meanRows = 0;
        for (int r = 0; r < UTC_OFFSET.length; r++) {
            meanRows += rows(r) / (double) UTC_OFFSET.length;
        }
        return new ShardLayout(1, Layouts.NODES, List.of(new GroupLayout(GROUP, shards, meanRows)));
    }

    private static long rows(int region) {
        return (long) (POPULATION[region] * ROWS_PER_POPULATION);
    }

    @Override
    public int days() {
        return 7;
    }

    /** Expected statements of a region in a bucket: the ground truth. */
    static double expected(int region, int bucket) {
        double utcHour = (bucket % BUCKETS_PER_DAY) * 24.0 / BUCKETS_PER_DAY;
        double local = utcHour + UTC_OFFSET[region];
        double daytime = (1 + Math.cos(2 * Math.PI * (local - 14) / 24)) / 2;
        return POPULATION[region] * STATEMENTS_PER_POPULATION * (0.1 + 0.9 * daytime * daytime);
    }

    @Override
    public void generate(int bucket, Random random, Sink sink) {
        for (int r = 0; r < UTC_OFFSET.length; r++) {
            int n = Workload.poisson(expected(r, bucket), random);
            for (int i = 0; i < n; i++) {
                sink.accept(r, null, random.nextInt(4) == 0);
            }
        }
    }
}
