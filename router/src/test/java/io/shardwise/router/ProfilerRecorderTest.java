package io.shardwise.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.profiler.ManualTimeSource;
import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.profiler.analysis.Hotspot;
import io.shardwise.router.topology.KeyPoints;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilerRecorderTest {
    @Test
    void pointAccessesBecomeTheProfilersHotKeys() throws Exception {
        ManualTimeSource time = new ManualTimeSource(0);
        Profiler profiler = new Profiler(ProfilerConfig.defaults(), time);
        ProfilerRecorder recorder = new ProfilerRecorder(profiler, TestClusters.spec(2));
        assertThat(profiler.groupIds()).containsExactly(0, 1, 2);
        long hot = KeyPoints.hashPoint(42L);
        for (int i = 0; i < 5_000; i++) {
            long key = i % 2 == 0 ? 42L : i;
            recorder.record("customers", true, KeyPoints.hashPoint(key), key, false, 1_000);
            recorder.record("customers", false, 0, null, true, 1_000);
        }
        recorder.record("no-such-group", true, 1, 1L, false, 1); // ignored, no exception
        time.advance(Duration.ofSeconds(301)); // one forecast step (30 buckets of 10 s) has ended
        assertThat(profiler.rollIfDue()).isTrue();
        List<Hotspot> hot42 = profiler.hotspots().stream().filter(h -> h.groupName().equals("customers")
                && h.lo() == hot).toList();
        assertThat(hot42).isNotEmpty();
        assertThat(hot42.get(0).keyValue()).isEqualTo(42L);
    }
}
