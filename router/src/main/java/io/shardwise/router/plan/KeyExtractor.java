package io.shardwise.router.plan;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * The router's shard-key analysis without nodes or a topology: which configured table (group) a statement touches,
 * which shard-key values it names, and whether it writes. Used by the profiling agent, which watches an unsharded
 * application, so its keys and key points are the ones the driver would route on. Analyses are cached per SQL text
 * (bounded); a statement the parser does not understand yields {@link Extraction#NONE}.
 */
public final class KeyExtractor {
    private static final int MAX_CACHED = 10_000;

    /**
     * What one execution touches. {@code keys} empty with a non-null table: the statement reaches the table without
     * naming keys (a scan or a range the agent counts as a broadcast).
     */
    public record Extraction(String table, String group, boolean write, List<Object> keys) {
        public static final Extraction NONE = new Extraction(null, null, false, List.of());

        public boolean touchesTable() {
            return table != null;
        }
    }

    /** The parsed, analysed statement: values stay symbolic until an execution binds them. */
    private record Template(String table, String group, boolean write, List<ValueSource> keys) {
        static final Template NONE = new Template(null, null, false, List.of());
    }

    private final TableCatalog catalog;
    private final SqlDialectKind dialect;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    /**
     * @param shardKeys table name -> shard-key column (case-insensitive)
     * @param groups    table name -> group name; a table missing here is its own group
     */
    public KeyExtractor(Map<String, String> shardKeys, Map<String, String> groups, SqlDialectKind dialect) {
        Map<String, TableSpec> tables = new java.util.HashMap<>();
        shardKeys.forEach((t, k) -> {
            String name = TableCatalog.normalize(t);
            String group = groups.getOrDefault(t, groups.getOrDefault(name, name));
            tables.put(name, new TableSpec(name, k.toLowerCase(Locale.ROOT), group));
        });
        this.catalog = new TableCatalog(new ClusterSpec(List.of(), tables, Map.of(), Set.of(), null, null, dialect));
        this.dialect = dialect;
    }

    /** The key point the driver would route {@code value} to in a hash-sharded group. */
    public static long hashPoint(Object value) throws SQLException {
        return KeyPoints.point(ShardingStrategy.HASH, value);
    }

    public Extraction extract(String sql, ParameterSource params) {
        Template t = cache.get(sql);
        if (t == null) {
            t = analyse(sql);
            if (cache.size() >= MAX_CACHED) {
                cache.clear(); // an application generating endless distinct SQL texts must not grow us without bound
            }
            cache.put(sql, t);
        }
        if (t.table == null) {
            return Extraction.NONE;
        }
        List<Object> keys = new ArrayList<>(t.keys.size());
        for (ValueSource v : t.keys) {
            Object value;
            try {
                value = v.value(params);
            } catch (RuntimeException unbound) {
                value = null;
            }
            if (value != null) {
                keys.add(value);
            }
        }
        return new Extraction(t.table, t.group, t.write, keys);
    }

    private Template analyse(String sql) {
        try {
            SqlNode node = SqlParsing.parse(SqlParsing.stripTrailingSemicolon(sql), dialect);
            if (node instanceof SqlInsert insert) {
                return insert(insert);
            }
            boolean write = node.getKind() == SqlKind.UPDATE || node.getKind() == SqlKind.DELETE
                    || node.getKind() == SqlKind.MERGE;
            StatementAnalysis a = StatementAnalyzer.analyze(node, catalog);
            if (a.components.isEmpty()) {
                return Template.NONE;
            }
            StatementAnalysis.Component c = a.components.get(0);
            String table = c.members().get(0).table();
            List<ValueSource> keys = new ArrayList<>();
            collectKeys(c.restriction(), keys);
            return new Template(TableCatalog.normalize(table), c.group(), write, List.copyOf(keys));
        } catch (SQLException | RuntimeException e) {
            return Template.NONE; // DDL, session statements, SQL our grammar does not know: nothing to profile
        }
    }

    /** Only conditions that single out keys count; anything wider leaves {@code into} empty. */
    private static void collectKeys(KeyCondition c, List<ValueSource> into) {
        if (c instanceof KeyCondition.Eq eq) {
            into.add(eq.value());
        } else if (c instanceof KeyCondition.In in) {
            into.addAll(List.of(in.values()));
        } else if (c instanceof KeyCondition.And and) {
            for (KeyCondition part : and.parts()) {
                collectKeys(part, into);
                if (!into.isEmpty()) {
                    return;
                }
            }
        }
    }

    private Template insert(SqlInsert insert) {
        SqlNode target = insert.getTargetTable();
        if (!(target instanceof SqlIdentifier id)) {
            return Template.NONE;
        }
        String table = TableCatalog.normalize(id.names.get(id.names.size() - 1));
        TableSpec spec = catalog.sharded(table);
        if (spec == null) {
            return Template.NONE;
        }
        SqlNodeList columns = insert.getTargetColumnList();
        int keyIndex = -1;
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                SqlIdentifier col = (SqlIdentifier) columns.get(i);
                if (col.names.get(col.names.size() - 1).equalsIgnoreCase(spec.shardKey())) {
                    keyIndex = i;
                }
            }
        }
        List<ValueSource> keys = new ArrayList<>();
        if (keyIndex >= 0 && insert.getSource().getKind() == SqlKind.VALUES) {
            for (SqlNode row : ((SqlBasicCall) insert.getSource()).getOperandList()) {
                SqlNode value = ((SqlCall) row).operand(keyIndex);
                ValueSource vs = StatementAnalyzer.valueSource(value);
                if (vs != null) {
                    keys.add(vs);
                }
            }
        }
        return new Template(table, spec.group(), true, List.copyOf(keys));
    }
}
