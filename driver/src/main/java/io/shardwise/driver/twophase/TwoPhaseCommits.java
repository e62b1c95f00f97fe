package io.shardwise.driver.twophase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The two-phase commit machinery of one running cluster ({@code transactions=2pc}): one coordinator and one
 * decision log in {@code metadata.dir}, shared by every connection. Opening it settles the in-doubt transactions a
 * previous run of this driver left behind ({@link TwoPhaseRecovery}).
 *
 * <p>The coordinator id is kept in {@code metadata.dir} so that a restarted driver finds its own prepared
 * transactions (and only those) again.
 */
public final class TwoPhaseCommits implements AutoCloseable {
    private static final String ID_FILE = "twophase-coordinator-id";

    private final TwoPhaseCoordinator coordinator;
    private final DecisionLog log;
    private final TwoPhaseRecovery.Outcome recovered;

    private TwoPhaseCommits(TwoPhaseCoordinator coordinator, DecisionLog log, TwoPhaseRecovery.Outcome recovered) {
        this.coordinator = coordinator;
        this.log = log;
        this.recovered = recovered;
    }

    /** Opens the log, then commits or rolls back every prepared transaction of this coordinator on every node. */
    public static TwoPhaseCommits start(Path metadataDir, Map<String, DataSource> nodes) throws SQLException {
        DecisionLog log = DecisionLog.open(metadataDir);
        try {
            TwoPhaseCoordinator coordinator = new TwoPhaseCoordinator(coordinatorId(metadataDir), log);
            TwoPhaseRecovery.Outcome outcome = TwoPhaseRecovery.recover(coordinator, log, List.copyOf(nodes.keySet()),
                    node -> nodes.get(node).getConnection());
            return new TwoPhaseCommits(coordinator, log, outcome);
        } catch (SQLException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Commits the written nodes' transactions atomically (auto-commit off on each); see TwoPhaseCoordinator. */
    public void commit(Map<String, Connection> writtenNodes) throws SQLException {
        coordinator.commit(writtenNodes);
    }

    /** What recovery did when this cluster started. */
    public TwoPhaseRecovery.Outcome recovered() {
        return recovered;
    }

    private static String coordinatorId(Path dir) throws SQLException {
        Path file = dir.resolve(ID_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            Path tmp = dir.resolve(ID_FILE + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new SQLException("cannot read or create the two-phase coordinator id " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        log.close();
    }
}
