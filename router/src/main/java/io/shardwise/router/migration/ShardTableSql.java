package io.shardwise.router.migration;

import io.shardwise.router.config.TableSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The SQL that reads and writes one shard's rows of one table on one node. Keys are always handled in batches of
 * distinct shard-key values, so a key whose rows are many (a non-unique shard key, e.g. order items per customer)
 * is never split across two batches, and catch-up can replace exactly the rows of the keys it names.
 *
 * <p>How a shard's keys are found: RANGE range shards by an index range scan
 * ({@code k >= lo AND k <= last point AND k > last key ORDER BY k LIMIT n}); RANGE pinned shards by their key values; HASH
 * shards by key-ordered pagination over the table's distinct keys with the hash filter applied here, on the client
 * (the database cannot compute our hash). docs/migration.md discusses the cost of the HASH case.
 */
public final class ShardTableSql {
    private final ShardSlice slice;
    private final TableSpec table;
    private final String tableName;
    private final String keyColumn;
    private final String columnList;
    private final int columnCount;
    private final int keyColumnIndex;

    /**
     * @param definition the table's definition on the source node; fixes the column order on both nodes
     * @param node       the connection whose dialect quotes the names
     */
    public ShardTableSql(ShardSlice slice, TableSpec table, TableDefinition definition, Connection node)
            throws SQLException {
        this.slice = slice;
        this.table = table;
        NodeDialect d = NodeDialect.of(node);
        this.tableName = d.quote(node, definition.storedName(), definition.dialect());
        TableDefinition.Column key = definition.column(table.shardKey());
        if (key == null) {
            throw new SQLException("table " + table.name() + " has no shard-key column " + table.shardKey());
        }
        this.keyColumn = d.quote(node, key.name(), definition.dialect());
        StringBuilder cols = new StringBuilder();
        int keyIndex = -1;
        for (int i = 0; i < definition.columns().size(); i++) {
            TableDefinition.Column c = definition.columns().get(i);
            cols.append(i > 0 ? ", " : "").append(d.quote(node, c.name(), definition.dialect()));
            if (c == key) {
                keyIndex = i;
            }
        }
        this.columnList = cols.toString();
        this.columnCount = definition.columns().size();
        this.keyColumnIndex = keyIndex;
    }

    public TableSpec table() {
        return table;
    }

    public int keyColumnIndex() {
        return keyColumnIndex;
    }

    /**
     * The next batch of distinct keys of the shard after {@code after} (null: from the start), in key order.
     * {@link KeyBatch#lastSeen()} is where the next batch starts; it may name a key outside the shard (HASH).
     */
    public KeyBatch nextKeys(Connection c, Object after, int limit) throws SQLException {
        return nextKeys(c, after, limit, slice.lo(), slice.hi());
    }

    /**
     * Like {@link #nextKeys(Connection, Object, int)}, but for a RANGE range shard only keys in
     * {@code [from, to)} (a sub-range of the shard, e.g. one verification bucket) are read.
     */
    public KeyBatch nextKeys(Connection c, Object after, int limit, long from, long to) throws SQLException {
        if (slice.keysAreList()) {
            if (after != null) {
                return KeyBatch.END;
            }
            return listedKeys(c);
        }
        StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(keyColumn).append(" FROM ").append(tableName)
                .append(" WHERE ").append(keyColumn).append(" IS NOT NULL");
        if (slice.keysAreRange()) {
            sql.append(" AND ").append(keyColumn).append(" >= ? AND ").append(keyColumn).append(" <= ?");
        }
        if (after != null) {
            sql.append(" AND ").append(keyColumn).append(" > ?");
        }
        sql.append(" ORDER BY ").append(keyColumn).append(" LIMIT ").append(limit);
        List<Object> keys = new ArrayList<>();
        Object last = null;
        int seen = 0;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (slice.keysAreRange()) {
                ps.setLong(i++, Math.max(from, slice.lo()));
                ps.setLong(i++, Math.min(to == Long.MAX_VALUE ? to : to - 1, slice.lastPoint()));
            }
            if (after != null) {
                ps.setObject(i, after);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object k = rs.getObject(1);
                    seen++;
                    last = k;
                    if (slice.containsKey(k)) {
                        keys.add(k);
                    }
                }
            }
        }
        return new KeyBatch(keys, last, seen < limit);
    }

    private KeyBatch listedKeys(Connection c) throws SQLException {
        List<Object> keys = new ArrayList<>();
        List<Long> points = new ArrayList<>(slice.pinnedPoints());
        String sql = "SELECT DISTINCT " + keyColumn + " FROM " + tableName + " WHERE " + keyColumn + " IN ("
                + placeholders(points.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < points.size(); i++) {
                ps.setLong(i + 1, points.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getObject(1));
                }
            }
        }
        return new KeyBatch(keys, null, true);
    }

    /** All rows of the given keys, every column in the source's column order. */
    public List<Object[]> rowsOf(Connection c, List<?> keys) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (keys.isEmpty()) {
            return rows;
        }
        String sql = "SELECT " + columnList + " FROM " + tableName + " WHERE " + keyColumn + " IN ("
                + placeholders(keys.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setObject(i + 1, keys.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columnCount];
                    for (int i = 0; i < columnCount; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * All rows of a batch of keys as {@link #nextKeys} returned them (ascending). For a RANGE range shard one index
     * range scan from the first to the last key replaces the IN list (the keys between them are exactly the
     * batch's, minus keys pinned elsewhere, which are filtered out here); otherwise as {@link #rowsOf}.
     */
    public List<Object[]> rowsOfKeyBatch(Connection c, List<?> keys) throws SQLException {
        if (!slice.keysAreRange() || keys.size() < 2) {
            return rowsOf(c, keys);
        }
        List<Object[]> rows = new ArrayList<>();
        String sql = "SELECT " + columnList + " FROM " + tableName + " WHERE " + keyColumn + " >= ? AND " + keyColumn
                + " <= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, keys.get(0));
            ps.setObject(2, keys.get(keys.size() - 1));
            boolean filter = !slice.excludedPoints().isEmpty();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[columnCount];
                    for (int i = 0; i < columnCount; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    if (!filter || slice.containsKey(row[keyColumnIndex])) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    public int deleteKeys(Connection c, List<?> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        String sql = "DELETE FROM " + tableName + " WHERE " + keyColumn + " IN (" + placeholders(keys.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setObject(i + 1, keys.get(i));
            }
            return ps.executeUpdate();
        }
    }

    public void insertRows(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + tableName + " (" + columnList + ") VALUES (" + placeholders(columnCount) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < columnCount; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keys of the shard on the node, filtered by {@code keep}, visited batch by batch. */
    public void forEachKeyBatch(Connection c, int batchSize, Predicate<Object> keep, KeyBatchVisitor visitor)
            throws SQLException {
        forEachKeyBatch(c, batchSize, slice.lo(), slice.hi(), keep, visitor);
    }

    /** As {@link #forEachKeyBatch(Connection, int, Predicate, KeyBatchVisitor)} within a sub-range (RANGE shards). */
    public void forEachKeyBatch(Connection c, int batchSize, long from, long to, Predicate<Object> keep,
                                KeyBatchVisitor visitor) throws SQLException {
        Object after = null;
        while (true) {
            KeyBatch batch = nextKeys(c, after, batchSize, from, to);
            List<Object> keys = batch.keys();
            if (keep != null) {
                keys = new ArrayList<>(keys);
                keys.removeIf(k -> !keep.test(k));
            }
            if (!keys.isEmpty()) {
                visitor.visit(keys);
            }
            if (batch.last()) {
                return;
            }
            after = batch.lastSeen();
        }
    }

    @FunctionalInterface
    public interface KeyBatchVisitor {
        void visit(List<Object> keys) throws SQLException;
    }

    /** One page of keys: those in the shard, where the page ended, and whether it was the last page. */
    public record KeyBatch(List<Object> keys, Object lastSeen, boolean last) {
        static final KeyBatch END = new KeyBatch(List.of(), null, true);
    }

    static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", ?" : "?");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return table.name() + " of " + slice;
    }
}
