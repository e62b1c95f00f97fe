package io.shardwise.driver.twophase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A driver process that dies in the middle of a two-phase commit: run in a child JVM by
 * {@link TwoPhaseCommitPostgresTest}. Arguments: crash point ({@code prepared} or {@code decided}), coordinator id,
 * log directory, row value, then one JDBC URL per node (user in the URL). It inserts the value into table
 * {@code t} on every node and halts the JVM (no shutdown hooks, no cleanup) at the crash point.
 */
public final class CrashingCoordinatorMain {

    public static void main(String[] args) throws Exception {
        String crashAt = args[0];
        DecisionLog log = DecisionLog.open(Path.of(args[2]));
        TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator(args[1], log, new TwoPhaseCoordinator.Phases() {
            @Override
            public void allPrepared(String gid) {
                if (crashAt.equals("prepared")) {
                    Runtime.getRuntime().halt(42);
                }
            }

            @Override
            public void decided(String gid) {
                if (crashAt.equals("decided")) {
                    Runtime.getRuntime().halt(42);
                }
            }
        });
        Map<String, Connection> participants = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            Connection c = DriverManager.getConnection(args[i]);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t (v) VALUES ('" + args[3] + "')");
            }
            participants.put("n" + (i - 3), c);
        }
        coordinator.commit(participants);
        System.exit(0); // not reached when a crash point is set
    }
}
