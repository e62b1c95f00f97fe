package io.shardwise.profiler.record;

import io.shardwise.profiler.sketch.CoAccessSketch;
import io.shardwise.profiler.sketch.SpaceSaving;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stripe of a group's counters. A recording thread takes a stripe's lock with a single CAS (trying the next
 * stripe when it is taken, so threads never queue behind each other), counts, and releases. The bucket roller
 * takes each stripe's lock once per bucket to harvest it. The padding keeps two stripes' locks off one cache line.
 */
final class Stripe extends AtomicInteger {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;

    Segmentation segmentation;
    long[] reads;
    long[] writes;
    final SpaceSaving keys;
    final CoAccessSketch pairs;
    long broadcastReads;
    long broadcastWrites;
    long transactions;
    long readLatencyNanos;
    long writeLatencyNanos;

    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;

    Stripe(Segmentation segmentation, int maxSegments, int heavyKeyCapacity, int pairCapacity) {
        this.segmentation = segmentation;
        reads = new long[maxSegments];
        writes = new long[maxSegments];
        keys = new SpaceSaving(heavyKeyCapacity);
        pairs = new CoAccessSketch(pairCapacity);
    }

    boolean tryLock() {
        return get() == 0 && compareAndSet(0, 1);
    }

    void lock() {
        while (!tryLock()) {
            Thread.onSpinWait();
        }
    }

    void unlock() {
        setRelease(0);
    }

    /** Clears the counters and switches to {@code next}; the caller holds the lock. */
    void reset(Segmentation next) {
        Arrays.fill(reads, 0);
        Arrays.fill(writes, 0);
        keys.clear();
        pairs.clear();
        broadcastReads = 0;
        broadcastWrites = 0;
        transactions = 0;
        readLatencyNanos = 0;
        writeLatencyNanos = 0;
        segmentation = next;
    }
}
