package io.shardwise.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.profiler.KeySpace;
import io.shardwise.profiler.ManualTimeSource;
import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.ShardingStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerStateFileTest {
    private static final ProfilerConfig CONFIG = ProfilerConfig.defaults().withBucket(Duration.ofSeconds(1));

    @TempDir
    Path dir;

    @Test
    void aRestartKeepsTheHistoryOfTheSameGroups() throws IOException {
        Profiler before = profilerWithHistory("orders");
        ProfilerStateFile.save(before, dir);

        Profiler after = ProfilerStateFile.open(spec("orders"), CONFIG);
        // the recorder adopts the restored group instead of registering it twice
        assertThat(new ProfilerRecorder(after, spec("orders")).groupId("orders")).isZero();

        assertThat(history(after)).isEqualTo(history(before));
        assertThat(history(after).length).isGreaterThan(history(fresh("orders")).length);
    }

    @Test
    void aStateOfOtherGroupsOrACorruptFileStartsEmpty() throws IOException {
        ProfilerStateFile.save(profilerWithHistory("orders"), dir);
        assertThat(history(started("payments"))).isEqualTo(history(fresh("payments")));

        Files.write(dir.resolve(ProfilerStateFile.NAME), new byte[] {1, 2, 3});
        assertThat(history(started("orders"))).isEqualTo(history(fresh("orders")));
    }

    private static Profiler profilerWithHistory(String group) {
        ManualTimeSource time = new ManualTimeSource(1_000_000L);
        Profiler p = new Profiler(CONFIG, time);
        p.registerGroup(0, group, KeySpace.hash());
        for (int bucket = 0; bucket < 5; bucket++) {
            for (long key = 0; key < 200; key++) {
                p.record(0, key * 1_000_003L, key, key % 3 == 0, 1_000);
            }
            time.advance(Duration.ofSeconds(1));
            p.rollIfDue();
        }
        return p;
    }

    private Profiler fresh(String group) {
        Profiler p = new Profiler(CONFIG, new ManualTimeSource(1_000_000L));
        new ProfilerRecorder(p, spec(group));
        return p;
    }

    /** What the router does at start: open the saved state, then register the configured groups. */
    private Profiler started(String group) {
        Profiler p = ProfilerStateFile.open(spec(group), CONFIG);
        new ProfilerRecorder(p, spec(group));
        return p;
    }

    /**
     * The saved state without its 24-byte header (format, version, bucket size, open bucket): the open bucket follows
     * the clock, which differs between the profilers compared; everything after it is the groups and their history.
     */
    private static byte[] history(Profiler p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.writeState(out);
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOfRange(all, 24, all.length);
    }

    private ClusterSpec spec(String group) {
        return new ClusterSpec(List.of(new NodeSpec("n1", "jdbc:h2:mem:x", null, null, new Properties())),
                Map.of(group, new TableSpec(group, "id", group)),
                Map.of(group, new GroupSpec(group, ShardingStrategy.HASH, 2, List.of())),
                Set.of(), "n1", dir, SqlDialectKind.H2);
    }
}
