package io.shardwise.driver.merge;

import io.shardwise.router.plan.MergeSpec;
import io.shardwise.router.plan.MergeSpec.Aggregate;
import io.shardwise.router.plan.MergeSpec.AggregateKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the nodes' partial rows into one row per group: COUNTs add up (as BIGINT), SUMs add up exactly in their
 * type family, MIN/MAX keep the extreme, AVG is computed at the end from its SUM and COUNT columns, and plain
 * columns keep the value of the group's first row. This stage has to see every partial row before it can answer,
 * so it holds one accumulator row per group (never the node rows themselves).
 */
final class Grouping {

    private final AggregateKind[] kinds;
    private final Aggregate[] aggregates;
    private final int[] groupBy;
    private final List<ColumnInfo> nodeColumns;
    private final Backend backend;

    Grouping(MergeSpec spec, List<ColumnInfo> nodeColumns, Backend backend) {
        this.backend = backend;
        int n = nodeColumns.size();
        this.nodeColumns = nodeColumns;
        this.aggregates = new Aggregate[n];
        this.kinds = new AggregateKind[n];
        Aggregate[] given = spec.aggregates();
        for (int i = 0; i < n; i++) {
            Aggregate a = given != null && i < given.length && given[i] != null ? given[i] : Aggregate.NONE;
            aggregates[i] = a;
            kinds[i] = a.kind();
        }
        this.groupBy = spec.groupBy() == null ? new int[0] : spec.groupBy();
    }

    /** Whether a spec asks for grouping at all. */
    static boolean applies(MergeSpec spec) {
        if (spec.groupBy() != null) {
            return true;
        }
        if (spec.aggregates() != null) {
            for (Aggregate a : spec.aggregates()) {
                if (a != null && a.kind() != AggregateKind.NONE) {
                    return true;
                }
            }
        }
        return false;
    }

    List<Object[]> group(RowSource in) throws SQLException {
        Map<RowKey, Object[]> groups = new LinkedHashMap<>();
        Object[] row;
        while ((row = in.next()) != null) {
            RowKey key = RowKey.of(row, groupBy);
            Object[] acc = groups.get(key);
            if (acc == null) {
                groups.put(key, row.clone());
            } else {
                combine(acc, row);
            }
        }
        List<Object[]> out = new ArrayList<>(groups.size() + 1);
        if (groups.isEmpty() && groupBy.length == 0) {
            // A global aggregate over no rows still answers one row, as SQL does: COUNT 0, everything else NULL.
            Object[] empty = new Object[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == AggregateKind.COUNT) {
                    empty[i] = 0L;
                }
            }
            out.add(empty);
            return out;
        }
        for (Object[] acc : groups.values()) {
            finish(acc);
            out.add(acc);
        }
        return out;
    }

    private void combine(Object[] acc, Object[] row) throws SQLException {
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case COUNT -> acc[i] = countOf(acc[i]) + countOf(row[i]);
                case SUM -> acc[i] = add(acc[i], row[i]);
                case MIN -> acc[i] = extreme(acc[i], row[i], false);
                case MAX -> acc[i] = extreme(acc[i], row[i], true);
                case NONE, AVG -> {
                    // NONE: any value of the group will do; keep the first. AVG: computed in finish().
                }
                default -> throw new IllegalStateException("unknown aggregate " + kinds[i]);
            }
        }
    }

    private void finish(Object[] acc) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == AggregateKind.COUNT) {
                acc[i] = countOf(acc[i]);
            } else if (kinds[i] == AggregateKind.SUM && acc[i] instanceof BigDecimal d
                    && "DECFLOAT".equalsIgnoreCase(nodeColumns.get(i).typeName())) {
                acc[i] = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            }
        }
        // AVG after the loop above, so its COUNT column is already a Long whatever its position.
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == AggregateKind.AVG) {
                Aggregate a = aggregates[i];
                acc[i] = AverageRule.average(acc[a.sumColumn()], acc[a.countColumn()],
                        nodeColumns.get(a.sumColumn()), backend);
            }
        }
    }

    private static long countOf(Object v) {
        return v == null ? 0L : ((Number) v).longValue();
    }

    private static Object extreme(Object a, Object b, boolean max) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int c = ValueComparator.INSTANCE.compare(a, b);
        return (max ? c < 0 : c > 0) ? b : a;
    }

    /**
     * Exact sum of two partial sums, keeping the type family: integral stays long (overflow is an error, as on the
     * node), exact decimal stays BigDecimal, floating stays double (float when both partials are float).
     */
    static Object add(Object a, Object b) throws SQLException {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Number x = (Number) a;
        Number y = (Number) b;
        if (ValueComparator.isIntegral(x) && ValueComparator.isIntegral(y)) {
            try {
                return Math.addExact(x.longValue(), y.longValue());
            } catch (ArithmeticException overflow) {
                throw new SQLDataException("Numeric value out of range: SUM of " + x + " and " + y
                        + " exceeds BIGINT", "22003");
            }
        }
        if (ValueComparator.isFloating(x) && ValueComparator.isFloating(y)) {
            if (x instanceof Float && y instanceof Float) {
                return x.floatValue() + y.floatValue();
            }
            return x.doubleValue() + y.doubleValue();
        }
        if (x instanceof BigInteger i && (y instanceof BigInteger || ValueComparator.isIntegral(y))) {
            return i.add(y instanceof BigInteger j ? j : BigInteger.valueOf(y.longValue()));
        }
        return ValueComparator.toBigDecimal(x).add(ValueComparator.toBigDecimal(y));
    }
}
