package io.shardwise.router.topology;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the topology is persisted. One store per cluster; a store that other processes could write at the same
 * time must refuse to open (a second writer would silently diverge).
 */
public interface TopologyStore extends AutoCloseable {

    /** The last saved topology, or empty when none was ever saved. */
    Optional<Topology> load() throws SQLException;

    /** Durably saves {@code topology}; when this returns, a crash cannot lose it. Versions must increase. */
    void save(Topology topology) throws SQLException;

    @Override
    void close() throws SQLException;
}
