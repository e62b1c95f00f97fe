package io.shardwise.bench.driver;

import java.util.SplittableRandom;

/** Per-target state of the running workloads: the key stream, the next insert id and a result sink. */
final class OpContext {

    private final SplittableRandom random;
    private final int rows;
    private final int batchSize;
    private long nextInsertId;
    private long sink;

    OpContext(long seed, int rows, int batchSize) {
        this.random = new SplittableRandom(seed);
        this.rows = rows;
        this.batchSize = batchSize;
    }

    /** A uniformly random existing key. */
    long randomKey() {
        return random.nextLong(rows);
    }

    /** A key from which {@code count} more keys exist, for range reads that must return full pages. */
    long randomKeyWithTail(int count) {
        return random.nextLong(rows - count);
    }

    int randomInt(int bound) {
        return random.nextInt(bound);
    }

    long randomValue() {
        return random.nextLong(1_000_000L);
    }

    /** Ids for inserts never collide with each other; the insert table is emptied between windows anyway. */
    long nextInsertId() {
        return nextInsertId++;
    }

    int batchSize() {
        return batchSize;
    }

    void consume(long value) {
        sink += value;
    }

    long sink() {
        return sink;
    }
}
