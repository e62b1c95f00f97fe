package io.shardwise.driver.twophase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles the prepared transactions a crashed coordinator left behind, when the driver starts again: on each node,
 * every prepared transaction of this coordinator (by gid prefix, in the node's current database) is committed if
 * the {@link DecisionLog} has its COMMIT, and rolled back otherwise (presumed abort).
 */
public final class TwoPhaseRecovery {

    /** What recovery did, per gid. */
    public record Outcome(List<String> committed, List<String> rolledBack, List<String> unreachable) {
    }

    public interface NodeConnections {
        /** A fresh connection to the node in auto-commit, closed by the caller. */
        Connection open(String node) throws SQLException;
    }

    private TwoPhaseRecovery() {
    }

    public static Outcome recover(TwoPhaseCoordinator coordinator, DecisionLog log, List<String> nodes,
                                  NodeConnections connections) throws SQLException {
        List<String> committed = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        Map<String, Set<String>> stillPrepared = new HashMap<>();
        for (String node : nodes) {
            try (Connection c = connections.open(node)) {
                c.setAutoCommit(true);
                for (String gid : preparedOf(c, coordinator.gidPrefix())) {
                    if (log.isCommitted(gid)) {
                        TwoPhaseCoordinator.finishPrepared(c, "COMMIT PREPARED '" + gid + "'");
                        committed.add(node + ":" + gid);
                    } else {
                        TwoPhaseCoordinator.finishPrepared(c, "ROLLBACK PREPARED '" + gid + "'");
                        rolledBack.add(node + ":" + gid);
                    }
                }
            } catch (SQLException e) {
                unreachable.add(node);
                // A node we cannot reach keeps its prepared transactions; remember them so the gid is not marked done.
                for (String gid : log.undone().keySet()) {
                    stillPrepared.computeIfAbsent(gid, g -> new HashSet<>()).add(node);
                }
            }
        }
        for (Map.Entry<String, List<String>> e : log.undone().entrySet()) {
            if (!stillPrepared.containsKey(e.getKey())) {
                log.done(e.getKey());
            }
        }
        return new Outcome(committed, rolledBack, unreachable);
    }

    private static List<String> preparedOf(Connection c, String prefix) throws SQLException {
        List<String> gids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT gid FROM pg_prepared_xacts "
                + "WHERE database = current_database() AND starts_with(gid, ?) ORDER BY prepared")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gids.add(rs.getString(1));
                }
            }
        }
        return gids;
    }
}
