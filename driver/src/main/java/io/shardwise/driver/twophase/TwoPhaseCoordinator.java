package io.shardwise.driver.twophase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Commits one logical transaction that wrote on several PostgreSQL nodes atomically, with
 * {@code PREPARE TRANSACTION} / {@code COMMIT PREPARED} ({@code transactions=2pc}).
 *
 * <ol>
 *   <li>PREPARE on every node. If any fails, every prepared one is rolled back and the others too: nothing
 *       commits, and the caller gets the failure.</li>
 *   <li>The decision is forced to the {@link DecisionLog}. From here on the transaction is committed.</li>
 *   <li>COMMIT PREPARED on every node. A node that fails now (it went away) keeps its prepared transaction, holding
 *       its locks, until {@link TwoPhaseRecovery} commits it; the caller is not told the commit failed, because it
 *       did not: the decision is durable and will be carried out.</li>
 * </ol>
 *
 * Global transaction ids are {@code sw_<coordinatorId>_<random>}: the coordinator id says which driver instance
 * owns a prepared transaction, so recovery never touches another instance's.
 */
public final class TwoPhaseCoordinator {
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,40}");

    private final String coordinatorId;
    private final DecisionLog log;
    private final Phases phases;

    /** The moments between the protocol's steps, where crash tests stop the JVM; no-ops in normal operation. */
    interface Phases {
        void allPrepared(String gid);

        void decided(String gid);
    }

    private static final Phases NO_HOOKS = new Phases() {
        @Override
        public void allPrepared(String gid) {
        }

        @Override
        public void decided(String gid) {
        }
    };

    public TwoPhaseCoordinator(String coordinatorId, DecisionLog log) {
        this(coordinatorId, log, NO_HOOKS);
    }

    TwoPhaseCoordinator(String coordinatorId, DecisionLog log, Phases phases) {
        if (!ID.matcher(coordinatorId).matches()) {
            throw new IllegalArgumentException("coordinator id must be 1-40 lower-case letters or digits, got "
                    + coordinatorId);
        }
        this.coordinatorId = coordinatorId;
        this.log = log;
        this.phases = phases;
    }

    /** The prefix of every gid this coordinator creates; recovery looks for exactly these. */
    public String gidPrefix() {
        return "sw_" + coordinatorId + "_";
    }

    /**
     * Commits the transaction open on {@code participants} (node id to a connection with auto-commit off). One
     * participant commits plainly: two-phase commit buys nothing there. Connections are left in auto-commit off.
     *
     * @return the gid used, or null for a one-node commit
     */
    public String commit(Map<String, Connection> participants) throws SQLException {
        if (participants.size() == 1) {
            participants.values().iterator().next().commit();
            return null;
        }
        String gid = gidPrefix() + UUID.randomUUID().toString().replace("-", "");
        Map<String, Connection> prepared = new LinkedHashMap<>();
        for (Map.Entry<String, Connection> p : participants.entrySet()) {
            try {
                execute(p.getValue(), "PREPARE TRANSACTION '" + gid + "'");
                if (!isPrepared(p.getValue(), gid)) {
                    // PostgreSQL answers PREPARE in a transaction that already failed with a ROLLBACK, not an error.
                    throw new SQLException("its transaction had already failed, so PREPARE rolled it back", "40000");
                }
                prepared.put(p.getKey(), p.getValue());
            } catch (SQLException e) {
                SQLException failure = new SQLException("two-phase commit aborted: node " + p.getKey()
                        + " could not prepare (" + e.getMessage() + "); the transaction was rolled back on every node",
                        e.getSQLState(), e);
                abort(gid, participants, prepared, failure);
                throw failure;
            }
        }
        phases.allPrepared(gid);
        log.commitDecided(gid, DecisionLog.nodes(participants.keySet()));
        phases.decided(gid);
        List<String> pending = new ArrayList<>();
        for (Map.Entry<String, Connection> p : prepared.entrySet()) {
            try {
                finishPrepared(p.getValue(), "COMMIT PREPARED '" + gid + "'");
            } catch (SQLException e) {
                pending.add(p.getKey());
            }
        }
        if (pending.isEmpty()) {
            log.done(gid);
        }
        return gid;
    }

    /** Rolls back: ROLLBACK PREPARED where PREPARE succeeded, plain rollback elsewhere; reports what failed. */
    private static void abort(String gid, Map<String, Connection> all, Map<String, Connection> prepared,
                              SQLException failure) {
        for (Map.Entry<String, Connection> p : all.entrySet()) {
            try {
                if (prepared.containsKey(p.getKey())) {
                    finishPrepared(p.getValue(), "ROLLBACK PREPARED '" + gid + "'");
                } else {
                    p.getValue().rollback();
                }
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static boolean isPrepared(Connection c, String gid) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_prepared_xacts WHERE gid = ?")) {
            ps.setString(1, gid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** COMMIT/ROLLBACK PREPARED cannot run inside a transaction block, so it runs in auto-commit. */
    static void finishPrepared(Connection c, String sql) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            execute(c, sql);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
