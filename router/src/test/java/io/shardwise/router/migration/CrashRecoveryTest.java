package io.shardwise.router.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.ShardwiseRouter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a process that runs writers and a migration with SIGKILL in each state, restarts the router on the same
 * metadata and node files, and checks the invariant against the writers' own logs: every acknowledged increment is
 * there, none is there twice, exactly one node owns the shard, and after cleanup only the owner holds its rows.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"COPYING", "CATCHING_UP", "CUTOVER", "FLIP", "CLEANUP"})
    void killedInEachStateRecoversWithoutLosingOrDoublingAWrite(String state) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), state)
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean ready = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("READY")) {
                    ready = true;
                    Thread.sleep(100); // let the writers keep going against the stopped migration for a moment
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
                if (line.startsWith("FINISHED")) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(ready).as("child output: %s", output).isTrue();

        boolean flipped = state.equals("FLIP") || state.equals("CLEANUP");
        try (ShardwiseRouter router = ShardwiseRouter.start(CrashChild.spec(dir),
                CrashChild.settings().withCleanupDelay(600_000))) {
            String owner = router.topology().shard(1).node();
            assertThat(owner).isEqualTo(flipped ? "n2" : "n1");
            assertThat(router.topology().shard(1).state().moving()).isFalse();
            MigrationRecord r = router.migrations().migration(1);
            assertThat(r.state()).isEqualTo(flipped ? MigrationState.CLEANUP : MigrationState.FAILED);
            router.migrations().cleanupNow();
            assertThat(router.migrations().migration(1).state())
                    .isEqualTo(flipped ? MigrationState.DONE : MigrationState.FAILED);

            Map<Long, Long> n1 = counters(router, "n1");
            Map<Long, Long> n2 = counters(router, "n2");
            String other = owner.equals("n1") ? "n2" : "n1";
            Map<Long, Long> onOwner = owner.equals("n1") ? n1 : n2;
            Map<Long, Long> onOther = owner.equals("n1") ? n2 : n1;
            assertThat(onOther.keySet()).as("rows of shard 1 left on %s", other).allMatch(k -> k >= 1000);
            Map<Long, long[]> log = logs();
            long acknowledged = 0;
            for (long k = 0; k < CrashChild.KEYS; k++) {
                long value = k < 1000 ? onOwner.getOrDefault(k, -1L) : n2.getOrDefault(k, -1L);
                long[] ba = log.getOrDefault(k, new long[2]);
                acknowledged += ba[1];
                assertThat(value).as("key %d: acknowledged %d, begun %d", k, ba[1], ba[0])
                        .isBetween(ba[1], ba[0]);
            }
            assertThat(acknowledged).isGreaterThan(50);
            assertThat(count(router, "n1", "SELECT COUNT(*) FROM shardwise_change_queue")).isZero();
            // and the shard can be moved again
            MigrationRecord again = router.migrations().move(1, other);
            assertThat(again.state()).as(String.valueOf(again.error())).isEqualTo(MigrationState.CLEANUP);
        }
    }

    private Map<Long, long[]> logs() throws Exception {
        Map<Long, long[]> out = new HashMap<>();
        for (int w = 0; w < CrashChild.WRITERS; w++) {
            Path p = dir.resolve("log" + w);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                if (line.split(" ").length != 2) {
                    continue; // a torn last line
                }
                String[] parts = line.split(" ");
                long k = Long.parseLong(parts[1]);
                long[] ba = out.computeIfAbsent(k, x -> new long[2]);
                ba[parts[0].equals("B") ? 0 : 1]++;
            }
        }
        return out;
    }

    private static Map<Long, Long> counters(ShardwiseRouter r, String node) throws Exception {
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = r.nodes().get(node).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT k, n FROM counters")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long count(ShardwiseRouter r, String node, String sql) throws Exception {
        try (Connection c = r.nodes().get(node).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
