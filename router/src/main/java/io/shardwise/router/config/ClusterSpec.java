package io.shardwise.router.config;

import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.zookeeper.ZooKeeperAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated, typed description of a Shardwise cluster that the driver builds from the user's properties.
 * Table, group and node names are lower-case. {@code metadataDir} null means the topology lives in memory only.
 * {@code twoPhaseCommit}: {@code transactions=2pc}, a transaction that wrote on several nodes commits with
 * PREPARE TRANSACTION / COMMIT PREPARED (false: the ordered one-phase commit).
 * {@code zooKeeper} non-null means the topology is shared with other driver instances through ZooKeeper
 * (docs/zookeeper.md).
 */
public record ClusterSpec(
        List<NodeSpec> nodes,
        Map<String, TableSpec> tables,
        Map<String, GroupSpec> groups,
        Set<String> referenceTables,
        String defaultNode,
        Path metadataDir,
        SqlDialectKind dialect,
        boolean twoPhaseCommit,
        ZooKeeperAddress zooKeeper) {

    /** A cluster with the default, best-effort (one-phase) multi-node commit. */
    public ClusterSpec(List<NodeSpec> nodes, Map<String, TableSpec> tables, Map<String, GroupSpec> groups,
                       Set<String> referenceTables, String defaultNode, Path metadataDir, SqlDialectKind dialect) {
        this(nodes, tables, groups, referenceTables, defaultNode, metadataDir, dialect, false);
    }

    /** A cluster whose topology is local (a metadata directory or memory): one driver instance. */
    public ClusterSpec(List<NodeSpec> nodes, Map<String, TableSpec> tables, Map<String, GroupSpec> groups,
                       Set<String> referenceTables, String defaultNode, Path metadataDir, SqlDialectKind dialect,
                       boolean twoPhaseCommit) {
        this(nodes, tables, groups, referenceTables, defaultNode, metadataDir, dialect, twoPhaseCommit, null);
    }

    /** The same cluster with its topology shared through ZooKeeper ({@code metadata=zookeeper://...}). */
    public ClusterSpec withZooKeeper(ZooKeeperAddress address) {
        return new ClusterSpec(nodes, tables, groups, referenceTables, defaultNode, metadataDir, dialect,
                twoPhaseCommit, address);
    }
}
