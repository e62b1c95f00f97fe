package io.shardwise.router.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An expression over one merged row (HAVING after a multi-node GROUP BY), with SQL's three-valued logic: null is
 * UNKNOWN. Only what HAVING clauses use: column values, literals, placeholders, arithmetic, comparisons, AND/OR/NOT,
 * IS [NOT] NULL, BETWEEN.
 */
interface RowExpression {

    Object eval(Object[] row, ParameterSource params);

    static RowExpression column(int index) {
        return (row, params) -> row[index];
    }

    static RowExpression constant(Object value) {
        return (row, params) -> value;
    }

    static RowExpression parameter(int index) {
        return (row, params) -> params.parameter(index);
    }

    static RowExpression and(RowExpression a, RowExpression b) {
        return (row, params) -> {
            Boolean x = (Boolean) a.eval(row, params);
            if (Boolean.FALSE.equals(x)) {
                return false;
            }
            Boolean y = (Boolean) b.eval(row, params);
            if (Boolean.FALSE.equals(y)) {
                return false;
            }
            return x == null || y == null ? null : true;
        };
    }

    static RowExpression or(RowExpression a, RowExpression b) {
        return (row, params) -> {
            Boolean x = (Boolean) a.eval(row, params);
            if (Boolean.TRUE.equals(x)) {
                return true;
            }
            Boolean y = (Boolean) b.eval(row, params);
            if (Boolean.TRUE.equals(y)) {
                return true;
            }
            return x == null || y == null ? null : false;
        };
    }

    static RowExpression not(RowExpression a) {
        return (row, params) -> {
            Boolean x = (Boolean) a.eval(row, params);
            return x == null ? null : !x;
        };
    }

    static RowExpression isNull(RowExpression a, boolean negated) {
        return (row, params) -> (a.eval(row, params) == null) != negated;
    }

    /** {@code op}: one of = <> < <= > >=. */
    static RowExpression compare(String op, RowExpression a, RowExpression b) {
        return (row, params) -> {
            Object x = a.eval(row, params);
            Object y = b.eval(row, params);
            if (x == null || y == null) {
                return null;
            }
            int c = compareValues(x, y);
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        };
    }

    /** {@code op}: one of + - * /. */
    static RowExpression arithmetic(char op, RowExpression a, RowExpression b) {
        return (row, params) -> {
            Object x = a.eval(row, params);
            Object y = b.eval(row, params);
            if (x == null || y == null) {
                return null;
            }
            BigDecimal l = decimal(x);
            BigDecimal r = decimal(y);
            return switch (op) {
                case '+' -> l.add(r);
                case '-' -> l.subtract(r);
                case '*' -> l.multiply(r);
                default -> r.signum() == 0 ? null : l.divide(r, MathContext.DECIMAL64);
            };
        };
    }

    static RowExpression negate(RowExpression a) {
        return (row, params) -> {
            Object x = a.eval(row, params);
            return x == null ? null : decimal(x).negate();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object x, Object y) {
        if (x instanceof Number && y instanceof Number) {
            return decimal(x).compareTo(decimal(y));
        }
        if (x instanceof Comparable c && x.getClass().isInstance(y)) {
            return c.compareTo(y);
        }
        return x.toString().compareTo(y.toString());
    }

    static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return new BigDecimal(v.toString().trim());
    }
}
