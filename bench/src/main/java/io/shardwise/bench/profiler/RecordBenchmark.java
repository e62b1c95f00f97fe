package io.shardwise.bench.profiler;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.profiler.TimeSource;
import io.shardwise.profiler.record.TransactionKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cost of the profiler's hot path, {@code Profiler.record(...)}, as the router calls it on every statement:
 * a skewed stream of key points (a few hot keys over a million cold ones), 20% writes, the key object passed by
 * reference. Run with {@code -prof gc} to see the allocation rate (the goal: 0 B/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBenchmark {
    private static final int GROUP = 1;
    private static final int KEYS = 4096; // pre-computed points: the benchmark measures record(), not key generation

    @State(Scope.Benchmark)
    public static class Shared {
        Profiler profiler;
        long[] points;
        Long[] values;
        final LongAdder adder = new LongAdder();

        @Setup(Level.Trial)
        public void setUp() {
            profiler = new Profiler(ProfilerConfig.defaults(), TimeSource.system());
            profiler.registerGroup(GROUP, "bench", KeySpace.hash());
            SplittableRandom random = new SplittableRandom(7);
            points = new long[KEYS];
            values = new Long[KEYS];
            for (int i = 0; i < KEYS; i++) {
                long key = random.nextInt(10) < 3 ? random.nextInt(20) : random.nextInt(1_000_000);
                points[i] = Workload.hashPoint(key);
                values[i] = key;
            }
        }
    }

    @State(Scope.Thread)
    public static class PerThread {
        int next;
        TransactionKeys tx;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            tx = shared.profiler.newTransactionKeys();
        }
    }

    /** Reference in the same run: the loop's own work, consuming the key point instead of recording it. */
    @Benchmark
    public long baselineLoop(Shared shared, PerThread thread) {
        int i = thread.next++ & (KEYS - 1);
        return shared.points[i] ^ shared.values[i].hashCode();
    }

    /** Reference in the same run: the JDK's striped counter, the cheapest shared count there is. */
    @Benchmark
    public void longAdderIncrement(Shared shared, PerThread thread) {
        int i = thread.next++ & (KEYS - 1);
        shared.adder.add(shared.points[i] & 1);
    }

    @Benchmark
    public void record(Shared shared, PerThread thread) {
        int i = thread.next++ & (KEYS - 1);
        shared.profiler.record(GROUP, shared.points[i], shared.values[i], (i & 7) < 2, 120_000);
    }

    /** Four threads recording into the same group at once: the striped counters keep them from queuing. */
    @Benchmark
    @Threads(4)
    public void record4Threads(Shared shared, PerThread thread) {
        int i = thread.next++ & (KEYS - 1);
        shared.profiler.record(GROUP, shared.points[i], shared.values[i], (i & 7) < 2, 120_000);
    }

    /** A transaction of two statements: two records, two key notes and the transaction's end. */
    @Benchmark
    public void transactionOfTwo(Shared shared, PerThread thread) {
        int i = thread.next++ & (KEYS - 1);
        int j = (i + 1) & (KEYS - 1);
        Profiler p = shared.profiler;
        thread.tx.add(GROUP, shared.points[i]);
        p.record(GROUP, shared.points[i], shared.values[i], true, 120_000);
        thread.tx.add(GROUP, shared.points[j]);
        p.record(GROUP, shared.points[j], shared.values[j], true, 120_000);
        p.endTransaction(thread.tx);
    }
}
