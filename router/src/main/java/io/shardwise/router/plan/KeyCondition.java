package io.shardwise.router.plan;

import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.ShardingStrategy;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * What a statement's WHERE clause says about one shard key, kept symbolic (values may be placeholders) and turned
 * into a {@link PointSet} per execution. Anything the router does not understand is {@link All}: it widens, never
 * narrows, so a statement may run on more nodes than needed but never misses one.
 */
sealed interface KeyCondition {

    PointSet points(ShardingStrategy strategy, ParameterSource params) throws SQLException;

    /** Could this condition ever single out one key (so a statement that must run on one node may use it)? */
    boolean canPin();

    All ALL = new All();

    /** No restriction on the key. */
    record All() implements KeyCondition {
        @Override
        public PointSet points(ShardingStrategy strategy, ParameterSource params) {
            return PointSet.ALL;
        }

        @Override
        public boolean canPin() {
            return false;
        }
    }

    /** {@code key = value}. A NULL value matches no row. */
    record Eq(ValueSource value) implements KeyCondition {
        @Override
        public PointSet points(ShardingStrategy strategy, ParameterSource params) throws SQLException {
            Object v = value.value(params);
            return v == null ? PointSet.EMPTY : PointSet.point(KeyPoints.point(strategy, v));
        }

        @Override
        public boolean canPin() {
            return true;
        }
    }

    /** {@code key IN (v1, v2, ...)}; NULLs in the list match nothing. */
    record In(ValueSource[] values) implements KeyCondition {
        @Override
        public PointSet points(ShardingStrategy strategy, ParameterSource params) throws SQLException {
            long[] points = new long[values.length];
            int n = 0;
            for (ValueSource vs : values) {
                Object v = vs.value(params);
                if (v != null) {
                    points[n++] = KeyPoints.point(strategy, v);
                }
            }
            return n == 0 ? PointSet.EMPTY : PointSet.points(points, n);
        }

        @Override
        public boolean canPin() {
            return true;
        }
    }

    /**
     * {@code key > lo}, {@code key <= hi}, {@code BETWEEN}: either bound may be null (open). Prunes shards only for
     * RANGE groups; on a HASH group a range says nothing about points. A bound that is not a whole number widens to
     * everything rather than guess a rounding; a NULL bound matches no row.
     */
    record Range(ValueSource lo, boolean loInclusive, ValueSource hi, boolean hiInclusive) implements KeyCondition {
        @Override
        public PointSet points(ShardingStrategy strategy, ParameterSource params) throws SQLException {
            if (strategy == ShardingStrategy.HASH) {
                return PointSet.ALL;
            }
            long from = Long.MIN_VALUE;
            long to = Long.MAX_VALUE;
            if (lo != null) {
                Object v = lo.value(params);
                if (v == null) {
                    return PointSet.EMPTY;
                }
                if (!isWhole(v)) {
                    return PointSet.ALL;
                }
                from = KeyPoints.rangePoint(v);
                if (!loInclusive) {
                    if (from == Long.MAX_VALUE) {
                        return PointSet.EMPTY;
                    }
                    from++;
                }
            }
            if (hi != null) {
                Object v = hi.value(params);
                if (v == null) {
                    return PointSet.EMPTY;
                }
                if (!isWhole(v)) {
                    return PointSet.ALL;
                }
                to = KeyPoints.rangePoint(v);
                if (!hiInclusive) {
                    if (to == Long.MIN_VALUE) {
                        return PointSet.EMPTY;
                    }
                    to--;
                }
            }
            return PointSet.interval(from, to);
        }

        private static boolean isWhole(Object v) {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return true;
            }
            if (v instanceof BigDecimal d) {
                try {
                    d.longValueExact();
                    return true;
                } catch (ArithmeticException e) {
                    return false;
                }
            }
            return false;
        }

        @Override
        public boolean canPin() {
            return true; // on a RANGE group it may fall in one shard: decided per execution
        }
    }

    record And(KeyCondition[] parts) implements KeyCondition {
        @Override
        public PointSet points(ShardingStrategy strategy, ParameterSource params) throws SQLException {
            PointSet out = PointSet.ALL;
            for (KeyCondition c : parts) {
                out = out.intersect(c.points(strategy, params));
                if (out.isEmpty()) {
                    return out;
                }
            }
            return out;
        }

        @Override
        public boolean canPin() {
            for (KeyCondition c : parts) {
                if (c.canPin()) {
                    return true;
                }
            }
            return false;
        }
    }

    record Or(KeyCondition[] parts) implements KeyCondition {
        @Override
        public PointSet points(ShardingStrategy strategy, ParameterSource params) throws SQLException {
            PointSet out = PointSet.EMPTY;
            for (KeyCondition c : parts) {
                out = out.union(c.points(strategy, params));
                if (out.isAll()) {
                    return out;
                }
            }
            return out;
        }

        @Override
        public boolean canPin() {
            for (KeyCondition c : parts) {
                if (!c.canPin()) {
                    return false;
                }
            }
            return true;
        }
    }
}
