package io.shardwise.driver.merge;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.Arrays;

/**
 * A hashable key over some columns of a row, equal when SQL would call the values equal: numbers by value whatever
 * their class (a node may return 2 as an Integer and another as a BigDecimal 2.0), byte arrays by content, and two
 * NULLs as the same group (GROUP BY and DISTINCT treat NULLs as one value).
 */
final class RowKey {

    private final Object[] values;
    private final int hash;

    private RowKey(Object[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    static RowKey of(Object[] row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            v[i] = normalise(row[columns[i]]);
        }
        return new RowKey(v);
    }

    static RowKey ofLeading(Object[] row, int count) {
        Object[] v = new Object[count];
        for (int i = 0; i < count; i++) {
            v[i] = normalise(row[i]);
        }
        return new RowKey(v);
    }

    private static Object normalise(Object v) {
        if (v instanceof Number n) {
            if (ValueComparator.isIntegral(n)) {
                return n.longValue();
            }
            if (ValueComparator.isFloating(n)) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    return d;
                }
                if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
                    return (long) d;
                }
            }
            BigDecimal d = ValueComparator.toBigDecimal(n);
            try {
                return d.longValueExact();
            } catch (ArithmeticException notALong) {
                return d.stripTrailingZeros();
            }
        }
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && k.hash == hash && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
