package io.shardwise.profiler.record;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.sketch.CoAccessPair;
import io.shardwise.profiler.sketch.HeavyKey;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;

class GroupRecorderTest {
    private static final RecorderSettings SETTINGS = new RecorderSettings(8, 8, 32, 64, 16, 64, 16);

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        GroupRecorder recorder = new GroupRecorder(1, "orders", KeySpace.range(0, 999_999), SETTINGS);
        int threads = 8;
        int perThread = 50_000;
        AtomicLongArray writesPerThread = new AtomicLongArray(threads);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                Random random = new Random(id);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    boolean write = random.nextInt(5) == 0;
                    if (write) {
                        writesPerThread.incrementAndGet(id);
                    }
                    recorder.record(random.nextInt(1_000_000), null, write, 1000);
                }
            });
            workers[t].start();
        }
        start.countDown();
        // harvest concurrently too: nothing may be lost or counted twice across buckets
        long reads = 0;
        long writes = 0;
        long latency = 0;
        boolean alive = true;
        long bucket = 0;
        while (alive) {
            BucketStats b = recorder.harvest(bucket++);
            reads += b.reads();
            writes += b.writes();
            latency += b.readLatencyNanos() + b.writeLatencyNanos();
            alive = false;
            for (Thread w : workers) {
                alive |= w.isAlive();
            }
        }
        for (Thread w : workers) {
            w.join();
        }
        BucketStats rest = recorder.harvest(bucket);
        reads += rest.reads();
        writes += rest.writes();
        latency += rest.readLatencyNanos() + rest.writeLatencyNanos();
        long expectedWrites = 0;
        for (int t = 0; t < threads; t++) {
            expectedWrites += writesPerThread.get(t);
        }
        assertThat(reads + writes).isEqualTo((long) threads * perThread);
        assertThat(writes).isEqualTo(expectedWrites);
        assertThat(latency).isEqualTo(1000L * threads * perThread);
    }

    @Test
    void segmentsBecomeFinerWhereTheLoadIs() {
        GroupRecorder recorder = new GroupRecorder(1, "g", KeySpace.range(0, 1_000_000 - 1), SETTINGS);
        assertThat(recorder.segmentation().size()).isEqualTo(8);
        Random random = new Random(1);
        for (long bucket = 0; bucket < 20; bucket++) {
            for (int i = 0; i < 20_000; i++) {
                // 90% of the load on [200000, 210000), the rest uniform
                long key = random.nextInt(10) < 9 ? 200_000 + random.nextInt(10_000) : random.nextInt(1_000_000);
                recorder.record(key, null, false, 0);
            }
            recorder.harvest(bucket);
        }
        Segmentation seg = recorder.segmentation();
        assertThat(seg.size()).isLessThanOrEqualTo(32).isGreaterThan(8);
        int hot = seg.indexOf(205_000);
        int cold = seg.indexOf(800_000);
        assertThat(seg.width(hot)).isLessThan(seg.width(cold) / 8);
        // the segments inside the hot range carry comparable load (none dominates)
        BucketStats last = recorder.harvest(100);
        assertThat(last.total()).isZero();
    }

    @Test
    void mergedHeavyKeysKeepTheNOverKBound() throws Exception {
        int k = 32;
        RecorderSettings settings = new RecorderSettings(4, 8, 32, k, k, 16, 4);
        GroupRecorder recorder = new GroupRecorder(1, "g", KeySpace.hash(), settings);
        Map<Long, Long> truth = new HashMap<>();
        Random random = new Random(5);
        long[] keys = new long[40_000];
        for (int i = 0; i < keys.length; i++) {
            // skewed: key j with probability ~ 1/(j+1)
            long j = (long) Math.floor(Math.exp(random.nextDouble() * Math.log(5000))) - 1;
            keys[i] = j * 1_000_003L;
            truth.merge(keys[i], 1L, Long::sum);
        }
        Thread[] threads = new Thread[4];
        for (int t = 0; t < 4; t++) {
            int from = t * 10_000;
            threads[t] = new Thread(() -> {
                for (int i = from; i < from + 10_000; i++) {
                    recorder.record(keys[i], null, false, 0);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        BucketStats stats = recorder.harvest(0);
        long bound = keys.length / k;
        assertThat(stats.heavyKeys()).isNotEmpty();
        for (HeavyKey h : stats.heavyKeys()) {
            long actual = truth.get(h.point());
            assertThat(h.count()).isGreaterThanOrEqualTo(actual);
            assertThat(h.count() - actual).isLessThanOrEqualTo(h.error()).isLessThanOrEqualTo(bound);
        }
        assertThat(stats.heavyKeys().get(0).point()).isEqualTo(0L);
    }

    @Test
    void transactionsRecordPairsOfTheirGroupOnly() {
        GroupRecorder recorder = new GroupRecorder(3, "g", KeySpace.hash(), SETTINGS);
        TransactionKeys tx = new TransactionKeys();
        for (int i = 0; i < 7; i++) {
            tx.add(3, 10);
            tx.add(3, 20);
            tx.add(3, 10); // duplicate ignored
            tx.add(4, 99); // another group
            recorder.recordTransaction(tx);
            tx.clear();
        }
        BucketStats stats = recorder.harvest(0);
        assertThat(stats.transactions()).isEqualTo(7);
        assertThat(stats.pairs()).containsExactly(new CoAccessPair(10, 20, 7, 0));
    }

    @Test
    void rangeAndBroadcastStatementsAreCounted() {
        GroupRecorder recorder = new GroupRecorder(1, "g", KeySpace.range(0, 799), SETTINGS);
        recorder.recordRange(50, 250, false, 5); // segments [0,100), [100,200), [200,300)
        recorder.recordBroadcast(true, 7);
        recorder.recordBroadcast(false, 7);
        BucketStats stats = recorder.harvest(0);
        assertThat(stats.reads()).isEqualTo(3);
        assertThat(stats.broadcastWrites()).isEqualTo(1);
        assertThat(stats.broadcastReads()).isEqualTo(1);
        assertThat(stats.readLatencyNanos()).isEqualTo(12);
        assertThat(stats.writeLatencyNanos()).isEqualTo(7);
    }

    @Test
    void loadOfAnyRangeIsEstimatedFromSegmentsAndHeavyKeys() {
        // one stored heavy key, so the 100 single accesses stay in the uniform residual
        GroupRecorder recorder = new GroupRecorder(1, "g", KeySpace.range(0, 799), new RecorderSettings(1, 8, 32, 64, 1, 64, 16));
        for (int i = 0; i < 500; i++) {
            recorder.record(150, "hot", true, 0); // first, so the sketch counts it exactly
        }
        for (int i = 0; i < 100; i++) {
            recorder.record(i, null, false, 0); // 100 keys of segment [0, 100), one access each
        }
        BucketStats stats = recorder.harvest(0);
        assertThat(stats.load(0, 49)).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(stats.load(100, 199)).isCloseTo(500, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(stats.pointLoad(150)).isEqualTo(500);
        assertThat(stats.load(0, 799)).isCloseTo(600, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(stats.heavyKeys().get(0).value()).isEqualTo("hot");
    }
}
