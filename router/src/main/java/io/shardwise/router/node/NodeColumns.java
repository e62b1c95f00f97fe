package io.shardwise.router.node;

import io.shardwise.router.plan.ColumnLookup;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Table columns from one node's metadata (every node has the same tables: DDL on sharded and reference tables runs
 * everywhere). Cached per table; {@link #invalidate()} (called when DDL runs through the router) forgets them and
 * runs {@code onInvalidate} (which drops the plans that depended on them).
 */
public final class NodeColumns implements ColumnLookup {
    private final DataSource node;
    private final Runnable onInvalidate;
    private final Map<String, Optional<List<String>>> cache = new ConcurrentHashMap<>();

    public NodeColumns(DataSource node, Runnable onInvalidate) {
        this.node = node;
        this.onInvalidate = onInvalidate;
    }

    @Override
    public List<String> columns(String table) throws SQLException {
        String key = table.toLowerCase(Locale.ROOT);
        Optional<List<String>> known = cache.get(key);
        if (known == null) {
            known = Optional.ofNullable(load(table));
            if (known.isPresent()) {
                cache.put(key, known); // a missing table is not cached: it may be created next
            }
        }
        return known.orElse(null);
    }

    private List<String> load(String table) throws SQLException {
        try (Connection c = node.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), candidate, null)) {
                    while (rs.next()) {
                        cols.add(rs.getInt("ORDINAL_POSITION") - 1, rs.getString("COLUMN_NAME"));
                    }
                } catch (IndexOutOfBoundsException e) {
                    cols.clear(); // positions out of order: fall back to the next spelling
                }
                if (!cols.isEmpty()) {
                    return cols;
                }
            }
            return null;
        }
    }

    @Override
    public void invalidate() {
        cache.clear();
        onInvalidate.run();
    }
}
