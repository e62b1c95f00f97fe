package io.shardwise.router.plan;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.plan.StatementAnalysis.Component;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.GroupTopology;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.shardwise.router.sql.Hints;
import io.shardwise.router.sql.SqlDdlStatement;
import io.shardwise.router.sql.SqlExtendedStatement;
import io.shardwise.router.sql.SqlReturning;
import io.shardwise.router.sql.SqlSessionStatement;
import io.shardwise.router.sql.SqlUpsert;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns one SQL text into a {@link StatementPlan}. Runs on a plan-cache miss only; everything it decides is kept
 * in the plan so that routing an execution is a few lookups.
 */
public final class Planner {
    private static final Set<String> DDL_WORDS = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "COMMENT");
    private static final Set<String> TX_WORDS = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT",
            "RELEASE", "SET", "END");

    private final TableCatalog catalog;
    private final RoutingContext context;
    private final ColumnLookup columns;

    public Planner(io.shardwise.router.config.ClusterSpec spec, RoutingContext context) {
        this(spec, context, ColumnLookup.NONE);
    }

    /** {@code columns}: where the columns of {@code SELECT *} come from when a merge needs their positions. */
    public Planner(io.shardwise.router.config.ClusterSpec spec, RoutingContext context, ColumnLookup columns) {
        this.catalog = new TableCatalog(spec);
        this.context = context;
        this.columns = columns;
    }

    public StatementPlan plan(String sql) throws SQLException {
        SqlTokens tokens = new SqlTokens(sql, context.dialect() == SqlDialectKind.MYSQL);
        if (!tokens.next()) {
            throw new SQLSyntaxErrorException("Empty SQL statement", "42000");
        }
        String first = tokens.text().toUpperCase(Locale.ROOT);
        int params = countParams(sql, mysql());
        String forced = Hints.forcedNode(sql);
        if (forced != null) {
            return forcedPlan(sql, first, params, TableCatalog.normalize(forced));
        }
        if (DDL_WORDS.contains(first)) {
            SqlNode ddl;
            try {
                ddl = SqlParsing.parse(sql, context.dialect());
            } catch (SQLSyntaxErrorException e) {
                // DDL differs most between databases: what our grammar does not know is routed by its table names
                return DdlRouting.plan(sql, params, DdlRouting.tables(sql), catalog, context, columns);
            }
            if (ddl instanceof SqlDdlStatement d) {
                List<String> tables = new ArrayList<>();
                for (SqlIdentifier id : d.tables()) {
                    tables.add(id.names.get(id.names.size() - 1));
                }
                return DdlRouting.plan(sql, params, tables, catalog, context, columns);
            }
            return DdlRouting.plan(sql, params, DdlRouting.tables(sql), catalog, context, columns);
        }
        if (TX_WORDS.contains(first)) {
            return transactionControl(sql, params);
        }
        SqlNode node = SqlParsing.parse(sql, context.dialect());
        return plan(sql, params, node);
    }

    /** Loads the parser's and planner's classes, so no application statement pays for it. */
    public void warmUp() {
        SqlParsing.warmUp();
        try {
            plan("SELECT a, COUNT(*) FROM shardwise_warm_up w WHERE w.a = ? AND w.b IN (1, 2) GROUP BY a ORDER BY a");
            plan("INSERT INTO shardwise_warm_up (a, b) VALUES (?, ?), (?, ?)");
        } catch (SQLException e) {
            // best effort
        }
    }

    private StatementPlan transactionControl(String sql, int params) {
        return new FixedPlan(StatementKind.TRANSACTION_CONTROL, sql, params, new Route(
                List.of(new NodeStatement(context.defaultNode(), sql, null)), null, false, false));
    }

    StatementPlan plan(String sql, int params, SqlNode parsed) throws SQLException {
        if (parsed instanceof SqlSessionStatement) {
            return transactionControl(sql, params);
        }
        boolean returning = SqlExtendedStatement.find(parsed, SqlReturning.class) != null;
        SqlUpsert upsert = SqlExtendedStatement.find(parsed, SqlUpsert.class);
        SqlNode node = SqlExtendedStatement.stock(parsed);
        if (node instanceof SqlInsert insert) {
            if (upsert != null) {
                refuseShardKeyUpsert(upsert, tableName(insert.getTargetTable()),
                        shownName(insert.getTargetTable()));
            }
            return insert(sql, params, insert, returning);
        }
        if (node instanceof SqlUpdate update) {
            refuseShardKeyUpdate(update);
            return dml(sql, params, parsed, node, StatementKind.UPDATE, tableName(update.getTargetTable()), returning);
        }
        if (node instanceof SqlDelete delete) {
            return dml(sql, params, parsed, node, StatementKind.DELETE, tableName(delete.getTargetTable()),
                    returning);
        }
        if (node.getKind().belongsTo(SqlKind.QUERY)) {
            return dml(sql, params, parsed, node, StatementKind.QUERY, null, true);
        }
        throw new SQLException("Shardwise cannot route a " + node.getKind() + " statement: send it to one node with"
                + " /*+ shardwise node=<id> */", "0A000");
    }

    // ---- SELECT, UPDATE, DELETE ----

    private StatementPlan dml(String sql, int params, SqlNode parsed, SqlNode node, StatementKind kind,
                              String target, boolean returnsRows) throws SQLException {
        StatementAnalysis a = StatementAnalyzer.analyze(node, catalog);
        TableCatalog.Kind targetKind = target == null ? null : catalog.kind(target);
        if (a.components.isEmpty()) {
            if (targetKind == TableCatalog.Kind.REFERENCE) {
                if (a.hasPlain()) {
                    throw new SQLException("Cannot write reference table " + target + " from plain table(s) "
                            + a.plainTables() + ", which exist only on the default node: the copies would differ",
                            "0A000");
                }
                return new FixedPlan(kind, sql, params, allNodes(sql, kind, returnsRows));
            }
            return new FixedPlan(kind, sql, params, defaultNode(sql, kind, returnsRows));
        }
        if (targetKind == TableCatalog.Kind.REFERENCE) {
            throw new SQLException("Cannot write reference table " + target + " from sharded table(s) "
                    + a.components.get(0).tables() + ": every node would write different rows. Read the values"
                    + " first, then write them", "0A000");
        }
        boolean keyed = a.components.size() == 1 && a.components.get(0).scatterable() && !a.hasPlain();
        if (keyed) {
            Component c = a.components.get(0);
            ScatterQuery scatter;
            String refusal = null;
            if (kind == StatementKind.QUERY) {
                ScatterRewrite.Result r = ScatterRewrite.build(parsed, sql, params, c, context.dialect(), columns);
                scatter = r.scatter();
                refusal = r.refusal();
            } else {
                scatter = (nodes, p) -> passThrough(sql, kind, returnsRows, c.group(), nodes);
            }
            return new ShardedPlan(kind, sql, params, context, List.of(c), false, false, scatter, refusal,
                    returnsRows);
        }
        String refusal = pinnedRefusal(a, kind);
        for (Component c : a.components) {
            if (!c.restriction().canPin()) {
                throw new SQLException(refusal, "0A000");
            }
        }
        return new ShardedPlan(kind, sql, params, context, a.components, true, a.hasPlain(), null, refusal,
                returnsRows);
    }

    private String pinnedRefusal(StatementAnalysis a, StatementKind kind) {
        StringBuilder b = new StringBuilder("Cannot route this ").append(kind == StatementKind.QUERY ? "query"
                : kind.name()).append(" safely: it reads ");
        List<String> parts = new ArrayList<>();
        for (Component c : a.components) {
            parts.add(c.tables() + " (group " + c.group() + ")");
        }
        if (a.hasPlain()) {
            parts.add("plain table(s) " + a.plainTables() + " (only on the default node " + context.defaultNode() + ")");
        }
        b.append(String.join(" and ", parts));
        if (a.setOperation) {
            b.append(" in a UNION/INTERSECT/EXCEPT");
        }
        b.append(", which are not co-located, and no shard-key value pins them all to one node. Join tables of one"
                + " group on their shard key, give every sharded table a key value (e.g. WHERE ")
                .append(a.components.get(0).members().get(0).alias()).append('.')
                .append(a.components.get(0).members().get(0).spec().shardKey())
                .append(" = ?) that lands on one node, put the tables in one group (table.<name>.group),"
                        + " or force a node with /*+ shardwise node=<id> */");
        return b.toString();
    }

    private void refuseShardKeyUpdate(SqlUpdate update) throws SQLException {
        String table = tableName(update.getTargetTable());
        TableSpec spec = catalog.sharded(table);
        if (spec == null) {
            return;
        }
        for (SqlNode col : update.getTargetColumnList()) {
            SqlIdentifier id = (SqlIdentifier) col;
            if (id.names.get(id.names.size() - 1).equalsIgnoreCase(spec.shardKey())) {
                throw new SQLException("UPDATE of " + shownName(update.getTargetTable()) + " sets its shard-key column "
                        + spec.shardKey()
                        + ": the row would have to move to another shard, which an UPDATE cannot do safely. Delete"
                        + " the row and insert it with the new key instead", "0A000");
            }
        }
    }

    private static Route passThrough(String sql, StatementKind kind, boolean returnsRows, String group,
                                     List<String> nodes) {
        List<NodeStatement> statements = new ArrayList<>(nodes.size());
        for (String n : nodes) {
            statements.add(new NodeStatement(n, sql, null));
        }
        return new Route(statements, null, returnsRows, kind.isWrite(), group, null, 0, null);
    }

    private void refuseShardKeyUpsert(SqlUpsert upsert, String table, String shown) throws SQLException {
        TableSpec spec = catalog.sharded(table);
        if (spec == null || upsert.targetColumns() == null) {
            return;
        }
        for (SqlNode col : upsert.targetColumns()) {
            SqlIdentifier id = (SqlIdentifier) col;
            if (id.names.get(id.names.size() - 1).equalsIgnoreCase(spec.shardKey())) {
                throw new SQLException("The upsert into " + shown + " would SET its shard-key column "
                        + spec.shardKey() + " when the row exists: the row would have to move to another shard."
                        + " Leave the shard key out of the update part", "0A000");
            }
        }
    }

    // ---- INSERT ----

    private StatementPlan insert(String sql, int params, SqlInsert insert, boolean returning) throws SQLException {
        String table = tableName(insert.getTargetTable());
        String shown = shownName(insert.getTargetTable());
        TableCatalog.Kind kind = catalog.kind(table);
        StatementAnalysis a = StatementAnalyzer.analyze(insert.getSource(), catalog);
        if (kind != TableCatalog.Kind.SHARDED) {
            if (!a.components.isEmpty()) {
                throw new SQLException("Cannot INSERT into " + (kind == TableCatalog.Kind.REFERENCE ? "reference"
                        : "plain") + " table " + shown + " from sharded table(s) " + a.components.get(0).tables()
                        + ": the rows live on several nodes. Read them first, then insert", "0A000");
            }
            if (kind == TableCatalog.Kind.REFERENCE) {
                if (a.hasPlain()) {
                    throw new SQLException("Cannot INSERT into reference table " + shown + " from plain table(s) "
                            + a.plainTables() + ", which exist only on the default node", "0A000");
                }
                return new FixedPlan(StatementKind.INSERT, sql, params, allNodes(sql, StatementKind.INSERT,
                        returning));
            }
            return new FixedPlan(StatementKind.INSERT, sql, params, defaultNode(sql, StatementKind.INSERT,
                    returning));
        }
        TableSpec spec = catalog.sharded(table);
        SqlNodeList listed = insert.getTargetColumnList();
        List<String> columnNames = new ArrayList<>();
        if (listed == null || listed.isEmpty()) {
            // No column list: the values follow the table's own column order, as the database reports it.
            List<String> known = columns.columns(table);
            if (known == null) {
                throw new SQLException("INSERT into sharded table " + shown + " must list its columns, so that the"
                        + " shard key " + spec.shardKey() + " can be found (the table's columns are unknown): INSERT"
                        + " INTO " + shown + " (" + spec.shardKey() + ", ...) VALUES (...)", "0A000");
            }
            columnNames.addAll(known);
        } else {
            for (SqlNode c : listed) {
                SqlIdentifier id = (SqlIdentifier) c;
                columnNames.add(id.names.get(id.names.size() - 1));
            }
        }
        int keyIndex = -1;
        for (int i = 0; i < columnNames.size(); i++) {
            if (columnNames.get(i).equalsIgnoreCase(spec.shardKey())) {
                keyIndex = i;
            }
        }
        if (keyIndex < 0) {
            throw new SQLException("INSERT into sharded table " + shown + " does not give its shard key "
                    + spec.shardKey() + ": every row needs a key value to find its shard", "0A000");
        }
        SqlNode source = insert.getSource();
        if (source.getKind() != SqlKind.VALUES) {
            throw new SQLException("INSERT ... SELECT into sharded table " + shown + " is not supported: the selected"
                    + " rows may belong to shards on other nodes. Insert with VALUES, or force a node with"
                    + " /*+ shardwise node=<id> */ when you know all rows belong there", "0A000");
        }
        String text = SqlParsing.stripTrailingSemicolon(sql);
        int[] paramOffsets = paramOffsets(text, mysql());
        List<SqlNode> rowNodes = ((SqlBasicCall) source).getOperandList();
        List<InsertPlan.Row> rows = new ArrayList<>();
        int firstStart = -1;
        int lastEnd = -1;
        for (SqlNode rowNode : rowNodes) {
            SqlCall row = (SqlCall) rowNode;
            if (row.operandCount() != columnNames.size()) {
                if (listed == null || listed.isEmpty()) {
                    throw new SQLException("INSERT into sharded table " + shown + " gives " + row.operandCount()
                            + " values without a column list, but the table has " + columnNames.size()
                            + " columns: list the columns", "0A000");
                }
                throw new SQLSyntaxErrorException("INSERT into " + shown + " lists " + columnNames.size()
                        + " columns but a row has " + row.operandCount() + " values", "42601");
            }
            ValueSource key = StatementAnalyzer.valueSource(row.operand(keyIndex));
            if (key == null) {
                throw new SQLException("INSERT into " + shown + ": the shard key " + spec.shardKey() + " must be a"
                        + " literal or a ? placeholder in every row (an expression or DEFAULT cannot be routed)",
                        "0A000");
            }
            int start = offset(text, row.getParserPosition().getLineNum(), row.getParserPosition().getColumnNum());
            int end = offset(text, row.getParserPosition().getEndLineNum(),
                    row.getParserPosition().getEndColumnNum()) + 1;
            if (start < 0 || end > text.length() || text.charAt(start) != '(' || text.charAt(end - 1) != ')') {
                throw new SQLException("Cannot split this multi-row INSERT into per-node statements (unexpected"
                        + " row syntax); insert the rows one by one", "0A000");
            }
            firstStart = firstStart < 0 ? start : firstStart;
            lastEnd = end;
            rows.add(new InsertPlan.Row(key, text.substring(start, end), paramsBetween(paramOffsets, start, end)));
        }
        GroupTopology g = context.topology().current().group(spec.group());
        if (g == null) {
            throw new SQLException("The topology has no group " + spec.group(), "55000");
        }
        return new InsertPlan(sql, params, context, spec.group(), rows, text.substring(0, firstStart),
                paramsBetween(paramOffsets, 0, firstStart), text.substring(lastEnd),
                paramsBetween(paramOffsets, lastEnd, text.length()), returning, null);
    }

    // ---- helpers ----

    private Route defaultNode(String sql, StatementKind kind, boolean returnsRows) {
        return new Route(List.of(new NodeStatement(context.defaultNode(), sql, null)), null, returnsRows,
                kind.isWrite());
    }

    /** Reference-table writes: every node. Rows a RETURNING clause gives back come from the default node only. */
    private Route allNodes(String sql, StatementKind kind, boolean returnsRows) throws SQLException {
        if (returnsRows) {
            throw new SQLException("A write to a reference table with RETURNING would return each row once per node:"
                    + " run the write without RETURNING, then read the rows", "0A000");
        }
        List<NodeStatement> all = new ArrayList<>();
        for (String n : context.nodes()) {
            all.add(new NodeStatement(n, sql, null));
        }
        return new Route(List.copyOf(all), null, false, kind.isWrite());
    }

    private StatementPlan forcedPlan(String sql, String first, int params, String node) throws SQLException {
        if (!context.nodes().contains(node)) {
            throw new SQLException("The hint names node " + node + ", which is not configured (nodes: "
                    + context.nodes() + ")", "42704");
        }
        StatementKind kind = switch (first) {
            case "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN" -> StatementKind.QUERY;
            case "INSERT", "REPLACE" -> StatementKind.INSERT;
            case "UPDATE", "MERGE", "UPSERT" -> StatementKind.UPDATE;
            case "DELETE" -> StatementKind.DELETE;
            default -> DDL_WORDS.contains(first) ? StatementKind.DDL
                    : TX_WORDS.contains(first) ? StatementKind.TRANSACTION_CONTROL : StatementKind.UPDATE;
        };
        return new FixedPlan(kind, sql, params, new Route(List.of(new NodeStatement(node, sql, null)), null,
                kind.isQuery(), kind.isWrite()));
    }

    /**
     * A table's name for messages, as the application wrote it: the parser upper-cases unquoted names, and
     * unquoted names are case-insensitive, so they are shown lower-case (as configured); quoted ones keep their case.
     */
    static String shownName(SqlNode table) {
        SqlNode t = table.getKind() == SqlKind.AS ? ((SqlCall) table).operand(0) : table;
        SqlIdentifier id = (SqlIdentifier) t;
        int last = id.names.size() - 1;
        String name = id.names.get(last);
        return id.isComponentQuoted(last) ? name : name.toLowerCase(java.util.Locale.ROOT);
    }

    static String tableName(SqlNode table) {
        SqlNode t = table.getKind() == SqlKind.AS ? ((SqlCall) table).operand(0) : table;
        SqlIdentifier id = (SqlIdentifier) t;
        return id.names.get(id.names.size() - 1);
    }

    private boolean mysql() {
        return context.dialect() == SqlDialectKind.MYSQL;
    }

    /** The number of {@code ?} placeholders (MySQL strings may hide quotes behind backslashes). */
    static int countParams(String sql, boolean backslashEscapes) {
        SqlTokens t = new SqlTokens(sql, backslashEscapes);
        int n = 0;
        while (t.next()) {
            if (t.type() == SqlTokens.Type.PARAM) {
                n++;
            }
        }
        return n;
    }

    private static int[] paramOffsets(String text, boolean backslashEscapes) {
        SqlTokens t = new SqlTokens(text, backslashEscapes);
        List<Integer> out = new ArrayList<>();
        while (t.next()) {
            if (t.type() == SqlTokens.Type.PARAM) {
                out.add(t.start());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1-based indexes of the placeholders whose offset is in {@code [from, to)}. */
    private static int[] paramsBetween(int[] offsets, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] >= from && offsets[i] < to) {
                out.add(i + 1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The offset in {@code text} of a parser position (1-based line and column). */
    static int offset(String text, int line, int column) {
        int off = 0;
        for (int l = 1; l < line; l++) {
            off = text.indexOf('\n', off);
            if (off < 0) {
                return -1;
            }
            off++;
        }
        return off + column - 1;
    }

    static SqlParserPos pos(SqlNode n) {
        return n.getParserPosition();
    }
}
