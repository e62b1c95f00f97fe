package io.shardwise.profiler;

import io.shardwise.profiler.analysis.ForecastEntry;
import io.shardwise.profiler.analysis.ForecastReport;
import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.analysis.Hotspot;
import io.shardwise.profiler.forecast.ModelKind;
import io.shardwise.profiler.plan.GroupLayout;
import io.shardwise.profiler.plan.PlanStep;
import io.shardwise.profiler.plan.ShardKeyMap;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.profiler.plan.ShardSpec;
import io.shardwise.profiler.record.TransactionKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Four virtual days of a daily cycle with one hot customer and one pair of customers always used together. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilerTest {
    private static final int GROUP = 1;
    private static final int DAY = 144; // 10-minute buckets
    private static final List<String> NODES = List.of("n0", "n1", "n2", "n3");

    private final ManualTimeSource clock = new ManualTimeSource(0);
    private Profiler profiler;
    private ShardLayout layout;

    static ProfilerConfig config() {
        return ProfilerConfig.defaults().withBucket(Duration.ofMinutes(10)).withHistory(Duration.ofDays(4))
                .withSteps(1, 6).withSeason(0, 200).withBacktestOrigins(24);
    }

    static long point(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (h ^ (h >>> 29)) & Long.MAX_VALUE;
    }

    @BeforeAll
    void simulate() {
        profiler = new Profiler(config(), clock);
        profiler.registerGroup(GROUP, "customers", KeySpace.hash());
        List<ShardSpec> shards = new ArrayList<>();
        long width = Long.MAX_VALUE / 8;
        for (int i = 0; i < 8; i++) {
            shards.add(ShardSpec.range(i, i * width, i == 7 ? Long.MAX_VALUE : (i + 1) * width, NODES.get(i % 4), 10_000));
        }
        layout = new ShardLayout(1, NODES, List.of(new GroupLayout(GROUP, shards, 5)));
        profiler.setLayout(layout);
        Random random = new Random(9);
        TransactionKeys tx = profiler.newTransactionKeys();
        for (int bucket = 0; bucket < 4 * DAY; bucket++) {
            int events = (int) (400 + 300 * Math.sin(2 * Math.PI * bucket / DAY));
            for (int i = 0; i < events; i++) {
                long key = random.nextInt(5) == 0 ? 424242 : random.nextInt(100_000);
                profiler.record(GROUP, point(key), key == 424242 ? "vip" : null, random.nextBoolean(), 50_000);
            }
            for (int i = 0; i < 10; i++) {
                tx.add(GROUP, point(7));
                profiler.record(GROUP, point(7), 7L, true, 10);
                tx.add(GROUP, point(8));
                profiler.record(GROUP, point(8), 8L, true, 10);
                profiler.endTransaction(tx);
            }
            clock.advance(Duration.ofMinutes(10));
            assertThat(profiler.rollIfDue()).isTrue();
        }
    }

    /** A copy of the simulated profiler (through its saved state) with its own clock, for tests that move time. */
    private Profiler copy(ManualTimeSource time) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            profiler.writeState(bytes);
            Profiler p = Profiler.restore(config(), time, new ByteArrayInputStream(bytes.toByteArray()));
            p.setLayout(layout);
            return p;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void learnsTheDailySeasonAndBeatsNextEqualsLast() {
        ForecastReport report = profiler.forecast();
        GroupForecast g = report.group(GROUP);
        assertThat(g.name()).isEqualTo("customers");
        assertThat(g.period()).isEqualTo(DAY);
        ForecastEntry total = g.total();
        assertThat(total.forecast().model()).isIn(ModelKind.HOLT_WINTERS, ModelKind.SEASONAL_NAIVE);
        assertThat(total.forecast().error().mase()).isLessThan(total.forecast().naiveError().mase() / 2);
        double truthNext = 400 + 300 * Math.sin(2 * Math.PI * (4 * DAY) / DAY) + 20 + 2 * 0; // + transactions' 20 writes
        assertThat(total.predictedNext()).isBetween(truthNext * 0.8, truthNext * 1.2);
        assertThat(g.shards()).hasSize(8);
        assertThat(g.segments()).isNotEmpty();
        assertThat(report.stepMillis()).isEqualTo(600_000);
        assertThat(report.generatedAtMillis()).isEqualTo(4L * DAY * 600_000);
    }

    @Test
    void findsTheHotKeyAndTheCoAccessedPair() {
        List<Hotspot> hot = profiler.hotspots();
        assertThat(hot).isNotEmpty();
        assertThat(hot).anyMatch(h -> h.kind() == ForecastEntry.Kind.SEGMENT); // the segment around the hot key
        Hotspot top = hot.stream().filter(h -> h.kind() == ForecastEntry.Kind.KEY).findFirst().orElseThrow();
        assertThat(top.keyValue()).isEqualTo("vip");
        assertThat(top.lo()).isEqualTo(point(424242));
        assertThat(top.predictedPerSecond()).isGreaterThan(0);
        assertThat(profiler.forecast().group(GROUP).coAccessGroups()).contains(Set.of(point(7), point(8)));
    }

    @Test
    void proposesAMapThatPinsTheHotKeyAndBalances() {
        ShardKeyMap map = profiler.propose(layout);
        assertThat(map.imbalanceBefore()).isGreaterThan(1.2);
        assertThat(map.imbalanceAfter()).isLessThanOrEqualTo(1.2);
        assertThat(map.steps()).anyMatch(s -> s.kind() == PlanStep.Kind.PIN && s.point() == point(424242));
        GroupLayout target = map.target().group(GROUP);
        assertThat(target.owner(point(7)).node()).isEqualTo(target.owner(point(8)).node());
        assertThat(map.base()).isSameAs(layout);
    }

    @Test
    void publishesAForecastAndProposalEveryBucket() {
        ManualTimeSource time = new ManualTimeSource(clock.currentTimeMillis());
        Profiler p = copy(time);
        AtomicReference<ProfilerUpdate> seen = new AtomicReference<>();
        p.addListener(seen::set);
        p.record(GROUP, point(1), 1L, false, 0);
        assertThat(p.rollIfDue()).isFalse(); // the bucket has not ended
        time.advance(Duration.ofMinutes(10));
        assertThat(p.rollIfDue()).isTrue();
        ProfilerUpdate update = seen.get();
        assertThat(update).isNotNull().isSameAs(p.latest());
        assertThat(update.bucket()).isEqualTo(time.currentTimeMillis() / 600_000 - 1);
        assertThat(update.proposal()).isNotNull();
        assertThat(update.forecast().group(GROUP)).isNotNull();
    }

    @Test
    void stateRoundTripsSoARestartKeepsTheSeason() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        profiler.writeState(bytes);
        ManualTimeSource later = new ManualTimeSource(clock.currentTimeMillis());
        Profiler restored = Profiler.restore(config(), later, new ByteArrayInputStream(bytes.toByteArray()));
        restored.setLayout(layout);
        GroupForecast before = profiler.forecast().group(GROUP);
        GroupForecast after = restored.forecast().group(GROUP);
        assertThat(after.period()).isEqualTo(before.period());
        assertThat(after.total().forecast().model()).isEqualTo(before.total().forecast().model());
        assertThat(after.total().forecast().forecast()).containsExactly(before.total().forecast().forecast());
        assertThat(after.segments()).hasSameSizeAs(before.segments());
        assertThat(restored.hotspots()).anyMatch(h -> "vip".equals(h.keyValue())); // key objects come back as strings
        // the restored profiler keeps recording, and a day of downtime becomes a day of empty buckets
        later.advance(Duration.ofDays(1));
        restored.record(GROUP, point(5), 5L, false, 0);
        assertThat(restored.rollIfDue()).isTrue();
        assertThat(restored.forecast().group(GROUP).total().actual()).isZero();
        // a different bucket size is refused: the histories would not line up
        assertThatThrownBy(() -> Profiler.restore(config().withBucket(Duration.ofMinutes(5)), later,
                new ByteArrayInputStream(bytes.toByteArray()))).isInstanceOf(IOException.class).hasMessageContaining("buckets");
        assertThatThrownBy(() -> Profiler.restore(config(), later, new ByteArrayInputStream(new byte[] {1, 2, 3, 4})))
                .isInstanceOf(IOException.class);
        byte[] truncated = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        assertThatThrownBy(() -> Profiler.restore(config(), later, new ByteArrayInputStream(truncated)))
                .isInstanceOf(IOException.class);
        byte[] corrupt = bytes.toByteArray().clone();
        corrupt[32] = (byte) 0xFF; // the group count's high byte: negative
        assertThatThrownBy(() -> Profiler.restore(config(), later, new ByteArrayInputStream(corrupt)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        // fewer segments allowed than were saved: the segmentation restarts, the history (and the season) stays
        ProfilerConfig fewer = config().withRecorder(new io.shardwise.profiler.record.RecorderSettings(2, 2, 2, 64, 16, 64, 16));
        Profiler coarse = Profiler.restore(fewer, later, new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(coarse.forecast().group(GROUP).period()).isEqualTo(before.period());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        ManualTimeSource time = new ManualTimeSource(clock.currentTimeMillis());
        Profiler p = copy(time);
        AtomicReference<ProfilerUpdate> seen = new AtomicReference<>();
        p.addListener(u -> {
            throw new IllegalStateException("subscriber bug");
        });
        p.addListener(seen::set);
        time.advance(Duration.ofMinutes(10));
        assertThat(p.rollIfDue()).isTrue();
        assertThat(seen.get()).isNotNull();
    }

    @Test
    void aTransactionNamingAnUnknownGroupIsRefusedAndTheBufferCleared() {
        Profiler p = copy(new ManualTimeSource(clock.currentTimeMillis()));
        TransactionKeys tx = p.newTransactionKeys();
        tx.add(GROUP, point(1));
        tx.add(77, 5);
        assertThatThrownBy(() -> p.endTransaction(tx)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group 77");
        assertThat(tx.size()).isZero();
    }

    @Test
    void unknownGroupsAreRefused() {
        assertThatThrownBy(() -> profiler.record(99, 1, null, false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group 99");
        assertThatThrownBy(() -> profiler.registerGroup(GROUP, "again", KeySpace.hash())).isInstanceOf(IllegalArgumentException.class);
    }
}
