package io.shardwise.router.keys;

import io.shardwise.router.sql.SqlDialectKind;
import java.util.List;

/**
 * How one node hands out generated keys so that no two nodes ever hand out the same one: every sequence, identity
 * and AUTO_INCREMENT column on the node steps by the cluster-wide {@code stride} and yields only values congruent to
 * the node's {@code slot} modulo the stride ({@code slot, slot + stride, slot + 2 * stride, ...}). Nodes have
 * distinct slots, so their keys fall in disjoint residue classes, whatever each node has generated before and
 * wherever rows later move: a row migrated from node A to node B keeps its id, which lies in A's class, and B never
 * generates a value in A's class.
 *
 * <p>Why this and not a key generator in the driver: the application's INSERT goes to the node unchanged (no column
 * is added to its SQL), and the node's own machinery keeps working: {@code RETURNING}, {@code getGeneratedKeys},
 * {@code currval}, {@code LAST_INSERT_ID()}. The cost is that ids grow {@code stride} times faster; with the default
 * stride of 64, a 32-bit column still has 33 million ids per node, a 64-bit one 1.4e17.
 *
 * <p>The stride must be at least the number of nodes the cluster will ever have, and must not change once keys have
 * been generated (a new stride would start new residue classes that overlap the old ones).
 */
public record KeyStride(int stride, int slot) {

    /** Enough for 64 nodes while leaving 32-bit keys usable. */
    public static final int DEFAULT_STRIDE = 64;

    /** MariaDB/MySQL cap {@code auto_increment_increment} and {@code auto_increment_offset} at 65535. */
    public static final int MAX_STRIDE = 65_535;

    public KeyStride {
        if (stride < 1 || stride > MAX_STRIDE) {
            throw new IllegalArgumentException("key stride must be between 1 and " + MAX_STRIDE + ", got " + stride);
        }
        if (slot < 1 || slot > stride) {
            throw new IllegalArgumentException("key slot must be between 1 and the stride " + stride + ", got " + slot);
        }
    }

    /**
     * The stride of a node by its position in the configured node list (first node: slot 1). Keep the list's
     * order stable once keys exist: the position is the slot.
     */
    public static KeyStride ofNode(List<String> nodeIds, String nodeId, int stride) {
        int index = nodeIds.indexOf(nodeId);
        if (index < 0) {
            throw new IllegalArgumentException("unknown node " + nodeId + "; nodes are " + nodeIds);
        }
        if (nodeIds.size() > stride) {
            throw new IllegalArgumentException(nodeIds.size() + " nodes do not fit a key stride of " + stride
                    + ": every node needs a slot of its own; raise the stride before any key is generated");
        }
        return new KeyStride(stride, index + 1);
    }

    /** Whether {@code key} is one this node could have generated. */
    public boolean owns(long key) {
        return key >= slot && Math.floorMod(key - slot, (long) stride) == 0;
    }

    /** The smallest key of this node's class that is at least {@code atLeast} (and at least {@code slot}). */
    public long firstAtLeast(long atLeast) {
        if (atLeast <= slot) {
            return slot;
        }
        long steps = Math.floorDiv(atLeast - slot + stride - 1, (long) stride);
        return Math.addExact(slot, Math.multiplyExact(steps, (long) stride));
    }

    /**
     * SQL to run on every new physical connection to the node, or null when the dialect needs none. MariaDB and
     * MySQL keep AUTO_INCREMENT's step and offset per session, so the node pool must set them on each connection
     * (HikariCP's {@code connectionInitSql}); PostgreSQL and H2 keep them in the sequence itself.
     */
    public String sessionInitSql(SqlDialectKind dialect) {
        if (dialect == SqlDialectKind.MYSQL) {
            return "SET SESSION auto_increment_increment = " + stride + ", auto_increment_offset = " + slot;
        }
        return null;
    }

    /** {@link #sessionInitSql(SqlDialectKind)} for the backend a node's JDBC URL names (MariaDB, MySQL, ...). */
    public String sessionInitSqlForUrl(String jdbcUrl) {
        boolean mysqlFamily = jdbcUrl != null
                && (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:"));
        return mysqlFamily ? sessionInitSql(SqlDialectKind.MYSQL) : null;
    }
}
