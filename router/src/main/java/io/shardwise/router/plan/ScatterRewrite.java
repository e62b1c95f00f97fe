package io.shardwise.router.plan;

import io.shardwise.router.plan.MergeSpec.Aggregate;
import io.shardwise.router.plan.MergeSpec.AggregateKind;
import io.shardwise.router.plan.MergeSpec.SortKey;
import io.shardwise.router.plan.StatementAnalysis.Component;
import io.shardwise.router.plan.StatementAnalysis.Instance;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.sql.SqlExtendedStatement;
import io.shardwise.router.sql.SqlLockingQuery;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * The scatter form of a query with no single shard key: what each node runs and how the driver merges the results.
 *
 * <ul>
 *   <li>Nothing to combine (no ORDER BY, LIMIT, aggregate, GROUP BY, DISTINCT): every node gets the application's
 *       own text; the rows are concatenated.</li>
 *   <li>ORDER BY / LIMIT / OFFSET / DISTINCT without aggregation (or grouped by the shard key, so no group spans
 *       two nodes): nodes sort and return {@code LIMIT n+m} rows without OFFSET; the driver k-way merges, skips m,
 *       keeps n. Sort expressions not in the select list become hidden columns appended after the visible ones.</li>
 *   <li>Aggregation across nodes (COUNT/SUM/MIN/MAX/AVG, GROUP BY not on the shard key, HAVING): nodes return
 *       their partial groups unsorted and unlimited; AVG becomes hidden SUM and COUNT columns; HAVING leaves the node
 *       SQL and becomes a predicate over the merged rows (aggregates it needs become hidden columns); ORDER BY,
 *       OFFSET and LIMIT apply after merging.</li>
 *   <li>Refused across nodes, with the reason: COUNT(DISTINCT ...) and other aggregates that cannot be combined from
 *       partial results (unless grouped by the shard key), expressions over aggregates, {@code *} of a table whose
 *       columns are unknown when a column position is needed.</li>
 * </ul>
 * Only statements that need it are re-printed (Calcite's unparse in the node's dialect, unquoted names kept
 * unquoted): the common single-node path never is.
 */
final class ScatterRewrite {
    record Result(ScatterQuery scatter, String refusal) {
    }

    /** One column the nodes return: its expression (for matching), its name, how it merges. */
    private static final class Column {
        final SqlNode expr;
        final String name;
        Aggregate aggregate = Aggregate.NONE;

        Column(SqlNode expr, String name) {
            this.expr = expr;
            this.name = name;
        }
    }

    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private final SqlSelect select;
    private final Component component;
    private final SqlDialectKind dialect;
    private final ColumnLookup columns;
    private final int paramCount;
    private final List<Column> cols = new ArrayList<>();
    private final List<SqlNode> hidden = new ArrayList<>();
    private int visible;
    private boolean starUnknown;
    private String starProblem;

    private ScatterRewrite(SqlSelect select, Component component, SqlDialectKind dialect, ColumnLookup columns,
                           int paramCount) {
        this.select = select;
        this.component = component;
        this.dialect = dialect;
        this.columns = columns;
        this.paramCount = paramCount;
    }

    static Result build(SqlNode parsed, String sql, int paramCount, Component c, SqlDialectKind dialect,
                        ColumnLookup columns) {
        SqlLockingQuery lock = SqlExtendedStatement.find(parsed, SqlLockingQuery.class);
        SqlNode stock = SqlExtendedStatement.stock(parsed);
        SqlNodeList orderList;
        SqlNode offset;
        SqlNode fetch;
        SqlSelect select;
        if (stock instanceof SqlOrderBy ob) {
            if (!(ob.query instanceof SqlSelect s)) {
                return refuse("its ORDER BY/LIMIT applies to a compound query");
            }
            select = s;
            orderList = ob.orderList;
            offset = ob.offset;
            fetch = ob.fetch;
        } else if (stock instanceof SqlSelect s) {
            select = s;
            orderList = s.getOrderList();
            offset = s.getOffset();
            fetch = s.getFetch();
        } else {
            return refuse("it is not a simple SELECT");
        }
        if (containsWindow(select.getSelectList()) || (orderList != null && containsWindow(orderList))) {
            return refuse("a window function (OVER) needs all rows of its window on one node");
        }
        boolean ordered = orderList != null && !orderList.isEmpty();
        boolean grouped = select.getGroup() != null && !select.getGroup().isEmpty();
        boolean aggregating = grouped || select.getHaving() != null || containsAggregate(select.getSelectList());
        if (!ordered && offset == null && fetch == null && !aggregating && !select.isDistinct()) {
            String group = c.group();
            return new Result((nodes, p) -> concatenate(sql, group, nodes), null);
        }
        ScatterRewrite r = new ScatterRewrite(select, c, dialect, columns, paramCount);
        try {
            return new Result(r.rewrite(lock, orderList, offset, fetch, grouped, aggregating), null);
        } catch (Refusal e) {
            return refuse(e.getMessage());
        } catch (SQLException e) {
            return refuse(e.getMessage());
        }
    }

    private static Result refuse(String why) {
        return new Result(null, "This query needs rows from several nodes, and Shardwise cannot merge it: " + why
                + ". Give it a shard-key value (WHERE key = ?) so it runs on one node, or force a node with"
                + " /*+ shardwise node=<id> */");
    }

    private static Route concatenate(String sql, String group, List<String> nodes) {
        List<NodeStatement> statements = new ArrayList<>(nodes.size());
        for (String n : nodes) {
            statements.add(new NodeStatement(n, sql, null));
        }
        return new Route(statements, null, true, false, group, null, 0, null);
    }

    private ScatterQuery rewrite(SqlLockingQuery lock, SqlNodeList orderList, SqlNode offset, SqlNode fetch,
                                 boolean grouped, boolean aggregating) throws Refusal, SQLException {
        for (SqlNode item : select.getSelectList()) {
            addVisible(item);
        }
        visible = cols.size();
        requireKnownPositions(); // the merge must know how many columns the application sees
        boolean byKey = grouped && groupedByShardKey();
        boolean mergeAggregates = aggregating && !byKey;
        ValueSource offsetValue = offset == null ? null : limitValue(offset, "OFFSET");
        ValueSource fetchValue = fetch == null ? null : limitValue(fetch, "LIMIT");

        int[] groupBy = null;
        RowExpression having = null;
        if (mergeAggregates) {
            for (int i = 0; i < visible; i++) {
                Column col = cols.get(i);
                if (col.expr != null && containsAggregate(col.expr)) {
                    col.aggregate = aggregateOf(col.expr, i, true);
                }
            }
            List<Integer> keys = new ArrayList<>();
            if (grouped) {
                for (SqlNode g : select.getGroup()) {
                    if (g.getKind() == SqlKind.GROUPING_SETS || g.getKind() == SqlKind.ROLLUP
                            || g.getKind() == SqlKind.CUBE) {
                        throw new Refusal("GROUPING SETS, ROLLUP and CUBE cannot be merged");
                    }
                    int idx = indexOf(g, true);
                    keys.add(idx >= 0 ? idx : addHidden(g));
                }
            }
            groupBy = keys.stream().mapToInt(Integer::intValue).toArray();
            if (select.getHaving() != null) {
                having = compile(select.getHaving(), groupBy);
            }
        }

        List<SortKey> sort = new ArrayList<>();
        if (orderList != null) {
            for (SqlNode item : orderList) {
                sort.add(sortKey(item, mergeAggregates, groupBy));
            }
        }
        if (select.isDistinct() && cols.size() > visible) {
            throw new Refusal("SELECT DISTINCT with ORDER BY expressions outside the select list");
        }

        SqlSelect node = (SqlSelect) select.clone(select.getParserPosition());
        SqlNodeList items = new SqlNodeList(select.getSelectList().getList(), SqlParserPos.ZERO);
        for (SqlNode h : hidden) {
            items.add(h);
        }
        node.setSelectList(items);
        node.setOffset(null);
        if (mergeAggregates) {
            node.setHaving(null);
            node.setOrderBy(null);
            node.setFetch(null);
        } else {
            node.setOrderBy(orderList == null || orderList.isEmpty() ? null : orderList);
            node.setFetch(fetchValue == null ? null : nodeFetch(fetchValue, offsetValue));
        }
        SqlNode statement = lock == null ? node
                : new SqlLockingQuery(lock.getParserPosition(), node, lock.strength(), lock.ofTables(),
                        lock.waitPolicy());
        SqlString printed = statement.toSqlString(c -> c.withDialect(NodeSqlDialects.of(dialect))
                .withQuoteAllIdentifiers(false));
        String nodeSql = dropAsymmetric(printed.getSql());
        int[] order = printed.getDynamicParameters() == null ? new int[0]
                : printed.getDynamicParameters().stream().mapToInt(Integer::intValue).toArray();

        Aggregate[] aggregates = null;
        if (mergeAggregates) {
            aggregates = new Aggregate[cols.size()];
            for (int i = 0; i < aggregates.length; i++) {
                aggregates[i] = cols.get(i).aggregate;
            }
        }
        return new Scatter(nodeSql, order, paramCount, component.group(), visible, aggregates, groupBy, having,
                select.isDistinct(), List.copyOf(sort), offsetValue, fetchValue);
    }

    /** The scatter route of one execution: the same node SQL everywhere, values bound, merge spec complete. */
    private record Scatter(String nodeSql, int[] paramOrder, int limitMarker, String group, int visible,
                           Aggregate[] aggregates, int[] groupBy, RowExpression having, boolean distinct,
                           List<SortKey> sort, ValueSource offset, ValueSource fetch) implements ScatterQuery {
        @Override
        public Route route(List<String> nodes, ParameterSource params) throws SQLException {
            long off = offset == null ? 0 : count(offset.value(params), "OFFSET");
            long lim = fetch == null ? -1 : count(fetch.value(params), "LIMIT");
            Object[] values = new Object[paramOrder.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = paramOrder[i] == limitMarker ? (Object) (lim + off) : params.parameter(paramOrder[i] + 1);
            }
            List<NodeStatement> statements = new ArrayList<>(nodes.size());
            for (String n : nodes) {
                statements.add(new NodeStatement(n, nodeSql, values));
            }
            Predicate<Object[]> predicate = having == null ? null
                    : row -> Boolean.TRUE.equals(having.eval(row, params));
            MergeSpec merge = new MergeSpec(visible, aggregates, groupBy, predicate, distinct, sort, off, lim);
            return new Route(statements, merge, true, false, group, null, 0, null);
        }

        private static long count(Object v, String what) throws SQLException {
            if (v == null) {
                throw new SQLException(what + " must not be NULL", "22023");
            }
            long n = RowExpression.decimal(v).longValueExact();
            if (n < 0) {
                throw new SQLException(what + " must not be negative: " + n, "22023");
            }
            return n;
        }
    }

    /**
     * Calcite prints every BETWEEN as {@code BETWEEN ASYMMETRIC} (the default meaning). MySQL does not know the word;
     * dropping it changes nothing anywhere. Token-aware, so a string literal is never touched.
     */
    static String dropAsymmetric(String sql) {
        SqlTokens t = new SqlTokens(sql, false);
        StringBuilder out = null;
        int copied = 0;
        boolean afterBetween = false;
        while (t.next()) {
            if (afterBetween && t.isWord("ASYMMETRIC")) {
                out = out == null ? new StringBuilder(sql.length()) : out;
                out.append(sql, copied, t.start());
                copied = t.end();
                while (copied < sql.length() && sql.charAt(copied) == ' ') {
                    copied++;
                }
            }
            afterBetween = t.isWord("BETWEEN");
        }
        return out == null ? sql : out.append(sql, copied, sql.length()).toString();
    }

    // ---- select list ----

    private void addVisible(SqlNode item) throws SQLException {
        SqlNode expr = stripAs(item);
        if (expr instanceof SqlIdentifier id && id.isStar()) {
            List<String> names = expandStar(id);
            if (names == null) {
                starUnknown = true;
                cols.add(new Column(null, null)); // a placeholder: positions after it are unknown
                return;
            }
            for (String n : names) {
                cols.add(new Column(null, n));
            }
            return;
        }
        String name = item.getKind() == SqlKind.AS ? ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple()
                : expr instanceof SqlIdentifier id ? id.names.get(id.names.size() - 1) : null;
        cols.add(new Column(expr, name));
    }

    /** The columns {@code *} or {@code t.*} stands for, from the database; null when unknown. */
    private List<String> expandStar(SqlIdentifier star) throws SQLException {
        List<String[]> tables = new ArrayList<>(); // {table, alias}
        if (!fromTables(select.getFrom(), tables)) {
            starProblem = "its FROM clause has a subquery";
            return null;
        }
        String qualifier = star.names.size() > 1 ? star.names.get(star.names.size() - 2) : null;
        List<String> out = new ArrayList<>();
        for (String[] t : tables) {
            if (qualifier != null && !qualifier.equalsIgnoreCase(t[1])) {
                continue;
            }
            List<String> cs = columns.columns(t[0]);
            if (cs == null) {
                starProblem = "the columns of " + t[0] + " are unknown";
                return null;
            }
            out.addAll(cs);
        }
        return out;
    }

    private static boolean fromTables(SqlNode from, List<String[]> out) {
        if (from == null) {
            return true;
        }
        if (from instanceof SqlJoin j) {
            return fromTables(j.getLeft(), out) && fromTables(j.getRight(), out);
        }
        if (from instanceof SqlIdentifier id) {
            String t = id.names.get(id.names.size() - 1);
            out.add(new String[] {t, t});
            return true;
        }
        if (from.getKind() == SqlKind.AS && ((SqlCall) from).operand(0) instanceof SqlIdentifier id) {
            out.add(new String[] {id.names.get(id.names.size() - 1),
                    ((SqlIdentifier) ((SqlCall) from).operand(1)).getSimple()});
            return true;
        }
        return false;
    }

    private int addHidden(SqlNode expr) throws Refusal {
        requireKnownPositions();
        hidden.add(expr);
        cols.add(new Column(expr, null));
        return cols.size() - 1;
    }

    private void requireKnownPositions() throws Refusal {
        if (starUnknown) {
            throw new Refusal("it selects * and " + (starProblem == null ? "the columns are unknown" : starProblem)
                    + ", so the merge cannot tell how many columns there are or where its sort and group columns"
                    + " are; list the columns");
        }
    }

    /** The node column {@code e} refers to: an ordinal, a select alias, or the same expression; -1 if none. */
    private int indexOf(SqlNode e, boolean ordinals) throws Refusal {
        SqlNode x = stripAs(e);
        if (ordinals && x instanceof SqlNumericLiteral n && n.isInteger()) {
            int i = n.intValue(true);
            if (i < 1 || i > visible) {
                throw new Refusal("position " + i + " is not a column of the select list");
            }
            requireKnownPositions();
            return i - 1;
        }
        if (x instanceof SqlIdentifier id && !id.isStar()) {
            String last = id.names.get(id.names.size() - 1);
            if (id.names.size() == 1) {
                for (int i = 0; i < cols.size(); i++) {
                    if (cols.get(i).name != null && cols.get(i).name.equalsIgnoreCase(last)) {
                        requireKnownPositions();
                        return i;
                    }
                }
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            if (c.expr != null && (c.expr.equalsDeep(x, Litmus.IGNORE) || sameColumn(c.expr, x))) {
                requireKnownPositions();
                return i;
            }
            if (c.expr == null && c.name != null && x instanceof SqlIdentifier id && !id.isStar()
                    && id.names.get(id.names.size() - 1).equalsIgnoreCase(c.name)) {
                requireKnownPositions();
                return i;
            }
        }
        return -1;
    }

    /** {@code o.total} and {@code total} name the same column when one of them is unqualified. */
    private static boolean sameColumn(SqlNode a, SqlNode b) {
        if (a instanceof SqlIdentifier x && b instanceof SqlIdentifier y && !x.isStar() && !y.isStar()) {
            if (!x.names.get(x.names.size() - 1).equalsIgnoreCase(y.names.get(y.names.size() - 1))) {
                return false;
            }
            return x.names.size() == 1 || y.names.size() == 1
                    || x.names.get(x.names.size() - 2).equalsIgnoreCase(y.names.get(y.names.size() - 2));
        }
        return false;
    }

    private boolean groupedByShardKey() {
        for (SqlNode g : select.getGroup()) {
            if (g instanceof SqlIdentifier id && !id.isStar()) {
                String last = id.names.get(id.names.size() - 1);
                for (Instance m : component.members()) {
                    if (m.spec().shardKey().equalsIgnoreCase(last) && (id.names.size() == 1
                            || id.names.get(id.names.size() - 2).equalsIgnoreCase(m.alias()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- aggregates ----

    /** Aggregate functions by name: the parser leaves function calls unresolved, so their kind says nothing. */
    private static final java.util.Set<String> AGGREGATES = java.util.Set.of("COUNT", "SUM", "SUM0", "MIN", "MAX",
            "AVG", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "ARRAY_AGG",
            "STRING_AGG", "LISTAGG", "GROUP_CONCAT", "BOOL_AND", "BOOL_OR", "EVERY", "ANY_VALUE", "BIT_AND",
            "BIT_OR", "BIT_XOR", "MEDIAN", "PERCENTILE_CONT", "PERCENTILE_DISC", "MODE", "COLLECT", "JSON_ARRAYAGG",
            "JSON_OBJECTAGG", "COVAR_POP", "COVAR_SAMP", "CORR", "REGR_COUNT", "APPROX_COUNT_DISTINCT");

    private static boolean isAggregate(SqlNode n) {
        return n instanceof SqlCall c && !(n instanceof SqlSelect) && c.getOperator() != null
                && (c.getOperator().isAggregator() || AGGREGATES.contains(aggregateName(c)))
                && c.getKind() != SqlKind.OVER;
    }

    private static String aggregateName(SqlCall c) {
        return c.getOperator().getName().toUpperCase(Locale.ROOT);
    }

    private static boolean containsWindow(SqlNode n) {
        if (n == null || n instanceof SqlSelect || n instanceof SqlOrderBy) {
            return false;
        }
        if (n.getKind() == SqlKind.OVER) {
            return true;
        }
        if (n instanceof SqlNodeList list) {
            for (SqlNode x : list) {
                if (containsWindow(x)) {
                    return true;
                }
            }
        } else if (n instanceof SqlCall call) {
            for (SqlNode x : call.getOperandList()) {
                if (x != null && containsWindow(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean containsAggregate(SqlNode n) {
        if (n == null || n instanceof SqlSelect || n instanceof SqlOrderBy) {
            return false;
        }
        if (isAggregate(n)) {
            return true;
        }
        if (n instanceof SqlNodeList list) {
            for (SqlNode x : list) {
                if (containsAggregate(x)) {
                    return true;
                }
            }
        } else if (n instanceof SqlCall call) {
            for (SqlNode x : call.getOperandList()) {
                if (x != null && containsAggregate(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How the aggregate at node column {@code index} merges; AVG adds its hidden SUM and COUNT. */
    private Aggregate aggregateOf(SqlNode expr, int index, boolean visibleColumn) throws Refusal {
        if (!isAggregate(expr)) {
            throw new Refusal("the expression " + expr + " computes on aggregates; partial results from each node"
                    + " cannot be combined into it");
        }
        SqlCall call = (SqlCall) expr;
        if (call.getFunctionQuantifier() != null
                && "DISTINCT".equalsIgnoreCase(String.valueOf(call.getFunctionQuantifier().getValue()))) {
            throw new Refusal(call.getOperator().getName() + "(DISTINCT ...) counts values that may appear on"
                    + " several nodes, so per-node results cannot be added up (it works when grouped by the shard"
                    + " key, or for one key)");
        }
        return switch (aggregateName(call)) {
            case "COUNT" -> Aggregate.of(AggregateKind.COUNT);
            case "SUM", "SUM0" -> Aggregate.of(AggregateKind.SUM);
            case "MIN" -> Aggregate.of(AggregateKind.MIN);
            case "MAX" -> Aggregate.of(AggregateKind.MAX);
            case "AVG" -> {
                if (call.operandCount() != 1) {
                    throw new Refusal("AVG needs one argument");
                }
                SqlNode arg = call.operand(0);
                int sum = addHidden(SqlStdOperatorTable.SUM.createCall(SqlParserPos.ZERO, arg));
                cols.get(sum).aggregate = Aggregate.of(AggregateKind.SUM);
                int count = addHidden(SqlStdOperatorTable.COUNT.createCall(SqlParserPos.ZERO, arg));
                cols.get(count).aggregate = Aggregate.of(AggregateKind.COUNT);
                yield new Aggregate(AggregateKind.AVG, sum, count);
            }
            default -> throw new Refusal(call.getOperator().getName() + " cannot be combined from per-node"
                    + " results (only COUNT, SUM, MIN, MAX and AVG can)");
        };
    }

    /** The node column holding aggregate {@code agg}: an existing one, or a new hidden one. */
    private int aggregateColumn(SqlNode agg) throws Refusal {
        int i = indexOf(agg, false);
        if (i >= 0 && cols.get(i).aggregate.kind() != AggregateKind.NONE) {
            return i;
        }
        int idx = addHidden(agg);
        cols.get(idx).aggregate = aggregateOf(agg, idx, false);
        return idx;
    }

    // ---- ORDER BY ----

    private SortKey sortKey(SqlNode item, boolean afterAggregation, int[] groupBy) throws Refusal {
        boolean descending = false;
        Boolean nullsFirst = null;
        SqlNode e = item;
        while (true) {
            if (e.getKind() == SqlKind.DESCENDING) {
                descending = true;
            } else if (e.getKind() == SqlKind.NULLS_FIRST) {
                nullsFirst = true;
            } else if (e.getKind() == SqlKind.NULLS_LAST) {
                nullsFirst = false;
            } else {
                break;
            }
            e = ((SqlCall) e).operand(0);
        }
        int idx = indexOf(e, true);
        if (idx < 0) {
            if (afterAggregation) {
                if (isAggregate(e)) {
                    idx = aggregateColumn(e);
                } else {
                    throw new Refusal("ORDER BY " + e + " is neither a selected column nor an aggregate");
                }
            } else {
                idx = addHidden(e);
            }
        }
        if (nullsFirst == null) {
            // The backend's default: H2 and MySQL sort NULL as the lowest value, PostgreSQL as the highest.
            boolean nullsLow = dialect != SqlDialectKind.POSTGRESQL;
            nullsFirst = descending != nullsLow;
        }
        return new SortKey(idx, descending, nullsFirst);
    }

    // ---- LIMIT / OFFSET ----

    private ValueSource limitValue(SqlNode n, String what) throws Refusal {
        ValueSource v = StatementAnalyzer.valueSource(n);
        if (v == null) {
            throw new Refusal(what + " must be a number or a ? placeholder");
        }
        return v;
    }

    /** What the nodes get as LIMIT: n + m when both are literals, else a placeholder bound per execution. */
    private SqlNode nodeFetch(ValueSource fetch, ValueSource offset) throws Refusal {
        if (fetch instanceof ValueSource.Literal f && (offset == null || offset instanceof ValueSource.Literal)) {
            long n = RowExpression.decimal(f.literal()).longValue();
            long m = offset == null ? 0 : RowExpression.decimal(((ValueSource.Literal) offset).literal()).longValue();
            return SqlLiteral.createExactNumeric(Long.toString(n + m), SqlParserPos.ZERO);
        }
        return new SqlDynamicParam(paramCount, SqlParserPos.ZERO);
    }

    // ---- HAVING ----

    private RowExpression compile(SqlNode n, int[] groupBy) throws Refusal {
        if (isAggregate(n)) {
            return RowExpression.column(aggregateColumn(n));
        }
        if (n instanceof SqlDynamicParam p) {
            return RowExpression.parameter(p.getIndex() + 1);
        }
        if (n instanceof SqlLiteral lit) {
            Object v = lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL ? null
                    : lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.BOOLEAN ? lit.booleanValue()
                    : StatementAnalyzer.literalValue(lit);
            if (v == null && lit.getTypeName() != org.apache.calcite.sql.type.SqlTypeName.NULL) {
                throw new Refusal("HAVING uses a literal " + lit + " the merge cannot evaluate");
            }
            return RowExpression.constant(v);
        }
        if (n instanceof SqlIdentifier) {
            int idx = indexOf(n, false);
            boolean isGroupKey = false;
            for (int g : groupBy) {
                isGroupKey |= g == idx;
            }
            if (idx < 0 || !isGroupKey) {
                throw new Refusal("HAVING refers to " + n + ", which is not a GROUP BY column");
            }
            return RowExpression.column(idx);
        }
        if (!(n instanceof SqlBasicCall call)) {
            throw new Refusal("HAVING uses " + n + ", which the merge cannot evaluate");
        }
        List<SqlNode> ops = call.getOperandList();
        switch (n.getKind()) {
            case AND, OR -> {
                RowExpression acc = compile(ops.get(0), groupBy);
                for (int i = 1; i < ops.size(); i++) {
                    RowExpression next = compile(ops.get(i), groupBy);
                    acc = n.getKind() == SqlKind.AND ? RowExpression.and(acc, next) : RowExpression.or(acc, next);
                }
                return acc;
            }
            case NOT -> {
                return RowExpression.not(compile(ops.get(0), groupBy));
            }
            case IS_NULL, IS_NOT_NULL -> {
                return RowExpression.isNull(compile(ops.get(0), groupBy), n.getKind() == SqlKind.IS_NOT_NULL);
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                String op = switch (n.getKind()) {
                    case EQUALS -> "=";
                    case NOT_EQUALS -> "<>";
                    case LESS_THAN -> "<";
                    case LESS_THAN_OR_EQUAL -> "<=";
                    case GREATER_THAN -> ">";
                    default -> ">=";
                };
                return RowExpression.compare(op, compile(ops.get(0), groupBy), compile(ops.get(1), groupBy));
            }
            case BETWEEN -> {
                RowExpression v = compile(ops.get(0), groupBy);
                RowExpression in = RowExpression.and(RowExpression.compare(">=", v, compile(ops.get(1), groupBy)),
                        RowExpression.compare("<=", v, compile(ops.get(2), groupBy)));
                return ((org.apache.calcite.sql.fun.SqlBetweenOperator) call.getOperator()).isNegated()
                        ? RowExpression.not(in) : in;
            }
            case PLUS, MINUS, TIMES, DIVIDE -> {
                char op = switch (n.getKind()) {
                    case PLUS -> '+';
                    case MINUS -> '-';
                    case TIMES -> '*';
                    default -> '/';
                };
                return RowExpression.arithmetic(op, compile(ops.get(0), groupBy), compile(ops.get(1), groupBy));
            }
            case MINUS_PREFIX -> {
                return RowExpression.negate(compile(ops.get(0), groupBy));
            }
            default -> throw new Refusal("HAVING uses " + call.getOperator().getName().toLowerCase(Locale.ROOT)
                    + ", which the merge cannot evaluate");
        }
    }

    private static SqlNode stripAs(SqlNode n) {
        return n.getKind() == SqlKind.AS ? ((SqlCall) n).operand(0) : n;
    }
}
