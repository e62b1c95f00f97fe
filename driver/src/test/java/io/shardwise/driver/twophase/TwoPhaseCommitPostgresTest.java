package io.shardwise.driver.twophase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.testkit.Backends;
import io.shardwise.testkit.PostgresServer;
import io.shardwise.testkit.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PREPARE TRANSACTION / COMMIT PREPARED over 2 real PostgreSQL nodes, including a coordinator that crashes. */
class TwoPhaseCommitPostgresTest {

    @TempDir
    Path logDir;

    @Test
    void commitsOnBothNodesAndLeavesNothingPrepared() throws Exception {
        List<TestDatabase> dbs = nodes("tpc_ok");
        try (DecisionLog log = DecisionLog.open(logDir)) {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator("okcase", log);
            Map<String, Connection> tx = open(dbs);
            insertEverywhere(tx, "both");
            String gid = coordinator.commit(tx);
            assertThat(gid).startsWith("sw_okcase_");
            closeAll(tx);
            for (TestDatabase db : dbs) {
                assertThat(values(db)).containsExactly("both");
                assertThat(prepared(db)).isEmpty();
            }
            assertThat(log.undone()).isEmpty();
        }
    }

    @Test
    void aNodeThatCannotPrepareRollsBackEveryNode() throws Exception {
        List<TestDatabase> dbs = nodes("tpc_fail");
        // A deferred unique constraint is checked at PREPARE: node 2's transaction fails there, after node 1 prepared.
        try (Connection c = dbs.get(1).connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE t ADD CONSTRAINT t_v_unique UNIQUE (v) DEFERRABLE INITIALLY DEFERRED");
        }
        try (DecisionLog log = DecisionLog.open(logDir)) {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator("failcase", log);
            Map<String, Connection> tx = open(dbs);
            insertEverywhere(tx, "dup");
            try (Statement s = tx.get("n2").createStatement()) {
                s.executeUpdate("INSERT INTO t (v) VALUES ('dup')");
            }
            assertThatThrownBy(() -> coordinator.commit(tx))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("node n2 could not prepare")
                    .hasMessageContaining("rolled back on every node");
            closeAll(tx);
            for (TestDatabase db : dbs) {
                assertThat(values(db)).isEmpty();
                assertThat(prepared(db)).isEmpty();
            }
            assertThat(log.undone()).isEmpty();
        }
    }

    @Test
    void aNodeWhoseTransactionAlreadyFailedMakesTheCommitFailEverywhere() throws Exception {
        List<TestDatabase> dbs = nodes("tpc_aborted");
        try (DecisionLog log = DecisionLog.open(logDir)) {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator("abortcase", log);
            Map<String, Connection> tx = open(dbs);
            insertEverywhere(tx, "x");
            try (Statement s = tx.get("n2").createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t (v) VALUES (NULL)"))
                        .isInstanceOf(SQLException.class);
            }
            // PostgreSQL answers PREPARE in a failed transaction with a ROLLBACK, not an error: that must not pass.
            assertThatThrownBy(() -> coordinator.commit(tx))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("node n2 could not prepare");
            closeAll(tx);
            for (TestDatabase db : dbs) {
                assertThat(values(db)).isEmpty();
                assertThat(prepared(db)).isEmpty();
            }
        }
    }

    @Test
    void aNodeLostAfterTheDecisionCommitsWhenItComesBack() throws Exception {
        PostgresServer second = Backends.dedicatedPostgres();
        List<TestDatabase> dbs = List.of(Backends.postgres(1).get(0).createDatabase("tpc_lost"),
                second.createDatabase("tpc_lost"));
        for (TestDatabase db : dbs) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text NOT NULL)");
            }
        }
        try (DecisionLog log = DecisionLog.open(logDir)) {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator("lostnode", log, new TwoPhaseCoordinator.Phases() {
                @Override
                public void allPrepared(String gid) {
                }

                @Override
                public void decided(String gid) {
                    second.stop(); // the node goes away after PREPARE, before COMMIT PREPARED reaches it
                }
            });
            Map<String, Connection> tx = open(dbs);
            insertEverywhere(tx, "late");
            String gid = coordinator.commit(tx); // committed: the decision is durable, n2 only has not heard yet
            assertThat(log.undone()).containsOnlyKeys(gid);
            assertThat(values(dbs.get(0))).containsExactly("late");
            for (Connection c : tx.values()) {
                c.close();
            }
            second.start();
            assertThat(prepared(dbs.get(1))).containsExactly(gid);
            TwoPhaseRecovery.Outcome outcome = TwoPhaseRecovery.recover(coordinator, log, List.of("n1", "n2"),
                    node -> dbs.get(Integer.parseInt(node.substring(1)) - 1).connect());
            assertThat(outcome.committed()).containsExactly("n2:" + gid);
            assertThat(log.undone()).isEmpty();
            assertThat(values(dbs.get(1))).containsExactly("late");
        } finally {
            second.stop();
        }
    }

    @Test
    void aCoordinatorKilledAfterItsDecisionIsCommittedByRecovery() throws Exception {
        List<TestDatabase> dbs = nodes("tpc_decided");
        assertThat(runCrashingCoordinator("decided", "crashdec", dbs, "decided")).isEqualTo(42);
        for (TestDatabase db : dbs) {
            // Prepared, holding the row, invisible until the decision is carried out.
            assertThat(prepared(db)).hasSize(1).allMatch(g -> g.startsWith("sw_crashdec_"));
            assertThat(values(db)).isEmpty();
        }
        try (DecisionLog log = DecisionLog.open(logDir)) {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator("crashdec", log);
            TwoPhaseRecovery.Outcome outcome = TwoPhaseRecovery.recover(coordinator, log, List.of("n1", "n2"),
                    node -> dbs.get(Integer.parseInt(node.substring(1)) - 1).connect());
            assertThat(outcome.committed()).hasSize(2);
            assertThat(outcome.rolledBack()).isEmpty();
            assertThat(log.undone()).isEmpty();
        }
        for (TestDatabase db : dbs) {
            assertThat(values(db)).containsExactly("decided");
            assertThat(prepared(db)).isEmpty();
        }
    }

    @Test
    void aCoordinatorKilledBeforeItsDecisionIsRolledBackByRecoveryAndOthersAreLeftAlone() throws Exception {
        List<TestDatabase> dbs = nodes("tpc_undecided");
        assertThat(runCrashingCoordinator("prepared", "crashund", dbs, "undecided")).isEqualTo(42);
        // Another driver instance's prepared transaction on the same node must survive our recovery.
        try (Connection c = dbs.get(0).connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.executeUpdate("INSERT INTO t (v) VALUES ('other')");
            s.execute("PREPARE TRANSACTION 'sw_otherinstance_1'");
        }
        try (DecisionLog log = DecisionLog.open(logDir)) {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator("crashund", log);
            TwoPhaseRecovery.Outcome outcome = TwoPhaseRecovery.recover(coordinator, log, List.of("n1", "n2"),
                    node -> dbs.get(Integer.parseInt(node.substring(1)) - 1).connect());
            assertThat(outcome.rolledBack()).hasSize(2);
            assertThat(outcome.committed()).isEmpty();
        }
        assertThat(prepared(dbs.get(0))).containsExactly("sw_otherinstance_1");
        assertThat(prepared(dbs.get(1))).isEmpty();
        try (Connection c = dbs.get(0).connect(); Statement s = c.createStatement()) {
            s.execute("ROLLBACK PREPARED 'sw_otherinstance_1'");
        }
        for (TestDatabase db : dbs) {
            assertThat(values(db)).isEmpty();
        }
    }

    private int runCrashingCoordinator(String crashAt, String id, List<TestDatabase> dbs, String value)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingCoordinatorMain.class.getName(), crashAt, id, logDir.toString(), value));
        for (TestDatabase db : dbs) {
            cmd.add(db.url() + "?user=" + db.user());
        }
        File out = Files.createTempFile("crashing-coordinator", ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        if (p.exitValue() != 42) {
            System.err.println(Files.readString(out.toPath()));
        }
        return p.exitValue();
    }

    private static List<TestDatabase> nodes(String prefix) throws SQLException {
        List<TestDatabase> dbs = Backends.postgresDatabases(2, prefix);
        for (TestDatabase db : dbs) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text NOT NULL)");
            }
        }
        return dbs;
    }

    private static Map<String, Connection> open(List<TestDatabase> dbs) throws SQLException {
        Map<String, Connection> tx = new LinkedHashMap<>();
        for (int i = 0; i < dbs.size(); i++) {
            Connection c = dbs.get(i).connect();
            c.setAutoCommit(false);
            tx.put("n" + (i + 1), c);
        }
        return tx;
    }

    private static void insertEverywhere(Map<String, Connection> tx, String value) throws SQLException {
        for (Connection c : tx.values()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t (v) VALUES ('" + value + "')");
            }
        }
    }

    private static void closeAll(Map<String, Connection> tx) throws SQLException {
        for (Connection c : tx.values()) {
            c.close();
        }
    }

    private static List<String> values(TestDatabase db) throws SQLException {
        return strings(db, "SELECT v FROM t ORDER BY v");
    }

    private static List<String> prepared(TestDatabase db) throws SQLException {
        return strings(db, "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() ORDER BY gid");
    }

    private static List<String> strings(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
