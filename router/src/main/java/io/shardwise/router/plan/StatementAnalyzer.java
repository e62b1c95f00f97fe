package io.shardwise.router.plan;

import io.shardwise.router.config.TableSpec;
import io.shardwise.router.plan.StatementAnalysis.Component;
import io.shardwise.router.plan.StatementAnalysis.Instance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
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
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.util.NlsString;

/**
 * Finds the tables of a SELECT, UPDATE or DELETE, which sharded table instances are co-located (equal shard keys
 * by a top-level join or WHERE equality, or a correlated subquery on the key), and what the WHERE clause restricts
 * each co-located component's key to. Conservative everywhere: what it cannot prove widens (more nodes), never
 * narrows.
 */
final class StatementAnalyzer {

    /** One query block: the tables of its FROM clause and its predicates. */
    private static final class Scope {
        final Scope parent;
        final int depth;
        final boolean derived;
        final Map<String, Instance> byAlias = new LinkedHashMap<>();
        final List<Instance> instances = new ArrayList<>();
        /** Predicates that restrict every row the block produces: WHERE and inner-join ON conditions. */
        final List<SqlNode> restrictions = new ArrayList<>();
        /** Predicates whose top-level key equalities co-locate instances: WHERE and every join's ON. */
        final List<SqlNode> links = new ArrayList<>();
        /** USING (col) joins: pairs of instances joined on a same-named column. */
        final List<Object[]> usingLinks = new ArrayList<>();

        Scope(Scope parent, boolean derived) {
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.derived = derived || (parent != null && parent.derived);
        }
    }

    private final TableCatalog catalog;
    private final StatementAnalysis out = new StatementAnalysis();
    private final List<Scope> scopes = new ArrayList<>();
    private final Map<SqlNode, Scope> scopeOfQuery = new IdentityHashMap<>();
    private final Set<String> cteNames = new HashSet<>();
    private Scope top;

    private StatementAnalyzer(TableCatalog catalog) {
        this.catalog = catalog;
    }

    static StatementAnalysis analyze(SqlNode statement, TableCatalog catalog) {
        StatementAnalyzer a = new StatementAnalyzer(catalog);
        a.statement(statement);
        a.buildComponents();
        return a.out;
    }

    // ---- discovering scopes and table instances ----

    private void statement(SqlNode node) {
        if (node instanceof SqlUpdate u) {
            top = newScope(null, false);
            addTable(top, u.getTargetTable(), u.getAlias());
            if (u.getCondition() != null) {
                top.restrictions.add(u.getCondition());
                top.links.add(u.getCondition());
                subqueries(u.getCondition(), top);
            }
            subqueries(u.getSourceExpressionList(), top);
        } else if (node instanceof SqlDelete d) {
            top = newScope(null, false);
            addTable(top, d.getTargetTable(), d.getAlias());
            if (d.getCondition() != null) {
                top.restrictions.add(d.getCondition());
                top.links.add(d.getCondition());
                subqueries(d.getCondition(), top);
            }
        } else {
            Scope s = query(node, null, false);
            top = out.setOperation ? null : s;
        }
    }

    /** Analyzes a query expression; returns its block's scope (null for set operations and VALUES). */
    private Scope query(SqlNode node, Scope parent, boolean derived) {
        if (node instanceof SqlOrderBy ob) {
            Scope s = query(ob.query, parent, derived);
            subqueries(ob.orderList, s == null ? parent : s);
            return s;
        }
        if (node instanceof SqlWith w) {
            for (SqlNode item : w.withList) {
                SqlWithItem wi = (SqlWithItem) item;
                cteNames.add(TableCatalog.normalize(wi.name.getSimple()));
                query(wi.query, parent, true);
            }
            return query(w.body, parent, derived);
        }
        if (node instanceof SqlSelect select) {
            Scope s = newScope(parent, derived);
            scopeOfQuery.put(select, s);
            if (select.getFrom() != null) {
                from(select.getFrom(), s, true);
            }
            if (select.getWhere() != null) {
                s.restrictions.add(select.getWhere());
                s.links.add(select.getWhere());
                subqueries(select.getWhere(), s);
            }
            subqueries(select.getSelectList(), s);
            subqueries(select.getGroup(), s);
            subqueries(select.getHaving(), s);
            return s;
        }
        if (node != null && isSetOperation(node.getKind())) {
            if (parent == null) {
                out.setOperation = true;
            }
            if (node.getKind() != SqlKind.UNION || !((SqlCall) node).getOperator().getName().contains("ALL")) {
                out.unionAllOnly = false;
            }
            for (SqlNode operand : ((SqlCall) node).getOperandList()) {
                query(operand, parent, derived || parent != null);
            }
            return null;
        }
        if (node instanceof SqlCall call) { // VALUES and other table expressions: look inside for subqueries
            subqueries(call, parent);
        }
        return null;
    }

    private static boolean isSetOperation(SqlKind kind) {
        return kind == SqlKind.UNION || kind == SqlKind.INTERSECT || kind == SqlKind.EXCEPT;
    }

    private void from(SqlNode node, Scope s, boolean inner) {
        if (node instanceof SqlJoin join) {
            boolean innerJoin = inner && (join.getJoinType() == JoinType.INNER || join.getJoinType() == JoinType.COMMA
                    || join.getJoinType() == JoinType.CROSS);
            from(join.getLeft(), s, inner && join.getJoinType() != JoinType.RIGHT && join.getJoinType() != JoinType.FULL);
            from(join.getRight(), s, inner && join.getJoinType() != JoinType.LEFT && join.getJoinType() != JoinType.FULL);
            SqlNode cond = join.getCondition();
            if (cond != null && join.getConditionType() == JoinConditionType.ON) {
                s.links.add(cond);
                if (innerJoin) {
                    s.restrictions.add(cond);
                }
                subqueries(cond, s);
            } else if (cond instanceof SqlNodeList using && join.getConditionType() == JoinConditionType.USING) {
                for (SqlNode col : using) {
                    s.usingLinks.add(new Object[] {join, ((SqlIdentifier) col).getSimple()});
                }
            }
            return;
        }
        if (node.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) node;
            SqlNode source = as.operand(0);
            String alias = ((SqlIdentifier) as.operand(1)).getSimple();
            if (source instanceof SqlIdentifier) {
                addTable(s, source, alias);
            } else {
                query(source.getKind() == SqlKind.LATERAL ? ((SqlCall) source).operand(0) : source, s, true);
            }
            return;
        }
        if (node instanceof SqlIdentifier) {
            addTable(s, node, null);
            return;
        }
        query(node.getKind() == SqlKind.LATERAL ? ((SqlCall) node).operand(0) : node, s, true);
    }

    private void addTable(Scope s, SqlNode tableNode, Object alias) {
        SqlIdentifier id = (SqlIdentifier) tableNode;
        String table = id.names.get(id.names.size() - 1);
        String aliasName = alias instanceof SqlIdentifier ai ? ai.getSimple() : alias instanceof String as ? as : table;
        if (id.names.size() == 1 && cteNames.contains(TableCatalog.normalize(table))) {
            return; // a WITH query, analyzed where it was defined
        }
        TableCatalog.Kind kind = catalog.kind(table);
        TableSpec spec = kind == TableCatalog.Kind.SHARDED ? catalog.sharded(table) : null;
        Instance i = new Instance(out.instances.size(), TableCatalog.normalize(table), aliasName, kind, spec,
                s.depth, s.derived);
        out.instances.add(i);
        s.instances.add(i);
        s.byAlias.put(TableCatalog.normalize(aliasName), i);
    }

    /** Every query nested in an expression (IN, EXISTS, scalar subqueries) becomes a child scope of {@code s}. */
    private void subqueries(SqlNode expr, Scope s) {
        if (expr == null) {
            return;
        }
        if (expr instanceof SqlSelect || expr instanceof SqlOrderBy || expr instanceof SqlWith
                || isSetOperation(expr.getKind())) {
            query(expr, s, false);
            return;
        }
        if (expr instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                subqueries(n, s);
            }
        } else if (expr instanceof SqlCall call) {
            for (SqlNode n : call.getOperandList()) {
                subqueries(n, s);
            }
        }
    }

    private Scope newScope(Scope parent, boolean derived) {
        Scope s = new Scope(parent, derived);
        scopes.add(s);
        return s;
    }

    // ---- co-location and restrictions ----

    private void buildComponents() {
        int n = out.instances.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (Scope s : scopes) {
            for (SqlNode link : s.links) {
                for (SqlNode conjunct : conjuncts(link)) {
                    linkEquality(conjunct, s, parent);
                }
            }
            for (Object[] using : s.usingLinks) {
                linkUsing((SqlJoin) using[0], (String) using[1], s, parent);
            }
        }
        Map<Integer, List<Instance>> groups = new LinkedHashMap<>();
        for (Instance i : out.instances) {
            if (i.kind() == TableCatalog.Kind.SHARDED) {
                groups.computeIfAbsent(find(parent, i.id()), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Instance> members : groups.values()) {
            int home = members.stream().mapToInt(Instance::depth).min().orElse(0);
            List<KeyCondition> parts = new ArrayList<>();
            boolean scatterable = top != null;
            for (Scope s : scopes) {
                List<Instance> here = new ArrayList<>();
                for (Instance i : s.instances) {
                    if (members.contains(i)) {
                        here.add(i);
                    }
                }
                if (here.isEmpty()) {
                    continue;
                }
                if (s.derived) {
                    scatterable = false;
                }
                if (s.depth == home) {
                    if (home != 0) {
                        scatterable = false;
                    }
                    for (SqlNode r : s.restrictions) {
                        parts.add(condition(r, s, here));
                    }
                }
            }
            KeyCondition restriction = parts.isEmpty() ? KeyCondition.ALL
                    : parts.size() == 1 ? parts.get(0) : new KeyCondition.And(parts.toArray(new KeyCondition[0]));
            out.components.add(new Component(members.get(0).spec().group(), List.copyOf(members),
                    simplify(restriction), scatterable));
        }
    }

    private static KeyCondition simplify(KeyCondition c) {
        if (c instanceof KeyCondition.And and) {
            List<KeyCondition> kept = new ArrayList<>();
            for (KeyCondition p : and.parts()) {
                KeyCondition sp = simplify(p);
                if (!(sp instanceof KeyCondition.All)) {
                    kept.add(sp);
                }
            }
            return kept.isEmpty() ? KeyCondition.ALL
                    : kept.size() == 1 ? kept.get(0) : new KeyCondition.And(kept.toArray(new KeyCondition[0]));
        }
        if (c instanceof KeyCondition.Or or) {
            KeyCondition[] parts = new KeyCondition[or.parts().length];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = simplify(or.parts()[i]);
                if (parts[i] instanceof KeyCondition.All) {
                    return KeyCondition.ALL;
                }
            }
            return new KeyCondition.Or(parts);
        }
        return c;
    }

    private void linkEquality(SqlNode conjunct, Scope s, int[] parent) {
        if (conjunct.getKind() == SqlKind.EQUALS) {
            SqlCall eq = (SqlCall) conjunct;
            Instance a = keyColumnOwner(eq.operand(0), s, null);
            Instance b = keyColumnOwner(eq.operand(1), s, null);
            if (a != null && b != null && a.spec().group().equals(b.spec().group())) {
                union(parent, a.id(), b.id());
            }
        } else if (conjunct.getKind() == SqlKind.IN || conjunct.getKind() == SqlKind.NOT_IN) {
            SqlCall in = (SqlCall) conjunct;
            Instance a = keyColumnOwner(in.operand(0), s, null);
            SqlNode sub = in.operand(1);
            SqlNode inner = sub instanceof SqlOrderBy ob ? ob.query : sub;
            if (a != null && inner instanceof SqlSelect select && select.getSelectList().size() == 1) {
                Scope subScope = scopeOfQuery.get(select);
                Instance b = subScope == null ? null : keyColumnOwner(stripAs(select.getSelectList().get(0)),
                        subScope, null);
                if (b != null && b.depth() == subScope.depth && a.spec().group().equals(b.spec().group())) {
                    union(parent, a.id(), b.id());
                }
            }
        }
    }

    private void linkUsing(SqlJoin join, String column, Scope s, int[] parent) {
        List<Instance> left = new ArrayList<>();
        List<Instance> right = new ArrayList<>();
        collectInstances(join.getLeft(), s, left);
        collectInstances(join.getRight(), s, right);
        for (Instance a : left) {
            for (Instance b : right) {
                if (a.spec() != null && b.spec() != null && a.spec().group().equals(b.spec().group())
                        && a.spec().shardKey().equalsIgnoreCase(column) && b.spec().shardKey().equalsIgnoreCase(column)) {
                    union(parent, a.id(), b.id());
                }
            }
        }
    }

    private void collectInstances(SqlNode fromItem, Scope s, List<Instance> into) {
        if (fromItem instanceof SqlJoin j) {
            collectInstances(j.getLeft(), s, into);
            collectInstances(j.getRight(), s, into);
        } else if (fromItem.getKind() == SqlKind.AS && ((SqlCall) fromItem).operand(0) instanceof SqlIdentifier) {
            Instance i = s.byAlias.get(TableCatalog.normalize(((SqlIdentifier) ((SqlCall) fromItem).operand(1))
                    .getSimple()));
            if (i != null) {
                into.add(i);
            }
        } else if (fromItem instanceof SqlIdentifier id) {
            Instance i = s.byAlias.get(TableCatalog.normalize(id.names.get(id.names.size() - 1)));
            if (i != null) {
                into.add(i);
            }
        }
    }

    private static SqlNode stripAs(SqlNode n) {
        return n.getKind() == SqlKind.AS ? ((SqlCall) n).operand(0) : n;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    static List<SqlNode> conjuncts(SqlNode n) {
        List<SqlNode> out = new ArrayList<>();
        addConjuncts(n, out);
        return out;
    }

    private static void addConjuncts(SqlNode n, List<SqlNode> out) {
        if (n.getKind() == SqlKind.AND) {
            for (SqlNode op : ((SqlCall) n).getOperandList()) {
                addConjuncts(op, out);
            }
        } else {
            out.add(n);
        }
    }

    /**
     * The sharded instance whose shard-key column {@code expr} names, looked up in {@code s} and then its enclosing
     * blocks (correlation); null when {@code expr} is anything else or ambiguous. When {@code only} is given, the
     * instance must be one of those.
     */
    private Instance keyColumnOwner(SqlNode expr, Scope s, List<Instance> only) {
        if (!(expr instanceof SqlIdentifier id) || id.isStar()) {
            return null;
        }
        String column = id.names.get(id.names.size() - 1);
        for (Scope sc = s; sc != null; sc = sc.parent) {
            Instance found = null;
            if (id.names.size() >= 2) {
                String qualifier = TableCatalog.normalize(id.names.get(id.names.size() - 2));
                found = sc.byAlias.get(qualifier);
                if (found == null) {
                    continue;
                }
                if (found.spec() == null || !found.spec().shardKey().equalsIgnoreCase(column)) {
                    return null;
                }
            } else {
                int matches = 0;
                boolean allInOnly = true;
                for (Instance i : sc.instances) {
                    if (i.spec() != null && i.spec().shardKey().equalsIgnoreCase(column)) {
                        found = found == null ? i : found;
                        matches++;
                        allInOnly &= only != null && only.contains(i);
                    }
                }
                if (matches > 1 && !allInOnly) {
                    return null; // ambiguous, unless all are co-located (USING joins merge the column)
                }
                if (found == null) {
                    if (!sc.instances.isEmpty()) {
                        return null; // an unqualified column of some table of this block, not a shard key
                    }
                    continue;
                }
            }
            return only == null || only.contains(found) ? found : null;
        }
        return null;
    }

    /** The key condition that predicate {@code p} (evaluated in scope {@code s}) puts on the instances {@code on}. */
    private KeyCondition condition(SqlNode p, Scope s, List<Instance> on) {
        switch (p.getKind()) {
            case AND, OR -> {
                List<SqlNode> ops = ((SqlCall) p).getOperandList();
                KeyCondition[] parts = new KeyCondition[ops.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = condition(ops.get(i), s, on);
                }
                return p.getKind() == SqlKind.AND ? new KeyCondition.And(parts) : new KeyCondition.Or(parts);
            }
            case EQUALS -> {
                SqlCall c = (SqlCall) p;
                ValueSource v = keyCompare(c.operand(0), c.operand(1), s, on);
                if (v == null) {
                    v = keyCompare(c.operand(1), c.operand(0), s, on);
                }
                return v == null ? KeyCondition.ALL : new KeyCondition.Eq(v);
            }
            case IN -> {
                SqlCall c = (SqlCall) p;
                if (keyColumnOwner(c.operand(0), s, on) != null && c.operand(1) instanceof SqlNodeList list) {
                    ValueSource[] values = new ValueSource[list.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = valueSource(list.get(i));
                        if (values[i] == null) {
                            return KeyCondition.ALL;
                        }
                    }
                    return new KeyCondition.In(values);
                }
                return KeyCondition.ALL;
            }
            case BETWEEN -> {
                SqlCall c = (SqlCall) p;
                SqlBetweenOperator op = (SqlBetweenOperator) c.getOperator();
                if (op.isNegated() || op.flag == SqlBetweenOperator.Flag.SYMMETRIC
                        || keyColumnOwner(c.operand(0), s, on) == null) {
                    return KeyCondition.ALL;
                }
                ValueSource lo = valueSource(c.operand(1));
                ValueSource hi = valueSource(c.operand(2));
                return lo == null || hi == null ? KeyCondition.ALL : new KeyCondition.Range(lo, true, hi, true);
            }
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                SqlCall c = (SqlCall) p;
                boolean inclusive = p.getKind() == SqlKind.LESS_THAN_OR_EQUAL
                        || p.getKind() == SqlKind.GREATER_THAN_OR_EQUAL;
                boolean upper = p.getKind() == SqlKind.LESS_THAN || p.getKind() == SqlKind.LESS_THAN_OR_EQUAL;
                ValueSource v = keyCompare(c.operand(0), c.operand(1), s, on);
                if (v == null) {
                    v = keyCompare(c.operand(1), c.operand(0), s, on);
                    upper = !upper; // 5 < key is key > 5
                }
                if (v == null) {
                    return KeyCondition.ALL;
                }
                return upper ? new KeyCondition.Range(null, false, v, inclusive)
                        : new KeyCondition.Range(v, inclusive, null, false);
            }
            default -> {
                return KeyCondition.ALL;
            }
        }
    }

    private ValueSource keyCompare(SqlNode keySide, SqlNode valueSide, Scope s, List<Instance> on) {
        return keyColumnOwner(keySide, s, on) != null ? valueSource(valueSide) : null;
    }

    /** A placeholder or a literal; null for anything computed (which then widens). */
    static ValueSource valueSource(SqlNode n) {
        if (n instanceof SqlDynamicParam p) {
            return new ValueSource.Param(p.getIndex() + 1);
        }
        if (n.getKind() == SqlKind.MINUS_PREFIX && ((SqlCall) n).operand(0) instanceof SqlNumericLiteral lit) {
            Object v = literalValue(lit);
            return v instanceof Long l ? new ValueSource.Literal(-l)
                    : v instanceof BigDecimal d ? new ValueSource.Literal(d.negate()) : null;
        }
        if (n instanceof SqlLiteral lit) {
            if (lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL) {
                return new ValueSource.Literal(null);
            }
            Object v = literalValue(lit);
            return v == null ? null : new ValueSource.Literal(v);
        }
        return null;
    }

    /** Long for whole numbers that fit, BigDecimal for other numbers, String for character strings. */
    static Object literalValue(SqlLiteral lit) {
        if (lit instanceof SqlNumericLiteral num) {
            BigDecimal d = num.getValueAs(BigDecimal.class);
            if (num.isExact() && d.scale() <= 0) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    return d;
                }
            }
            return d;
        }
        Object v = lit.getValue();
        if (v instanceof NlsString s) {
            return s.getValue();
        }
        return null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
