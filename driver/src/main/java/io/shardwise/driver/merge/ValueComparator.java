package io.shardwise.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.UUID;

/**
 * Orders two non-null values that JDBC drivers return from {@code getObject}, the way the database orders them:
 * numbers of any mix of types by value, strings by UTF-16 code unit (H2's default collation), date/time values on
 * one time line whatever class carries them, byte arrays and UUIDs unsigned. Two values that no database would
 * compare with each other are a bug upstream, and fail loudly instead of being given an arbitrary order.
 */
public final class ValueComparator implements Comparator<Object> {

    public static final ValueComparator INSTANCE = new ValueComparator();

    private ValueComparator() {
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
        if (a.getClass() == b.getClass() && a instanceof Comparable && !(a instanceof UUID)
                && !(a instanceof Double) && !(a instanceof Float)) {
            return ((Comparable) a).compareTo(b);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return compareUnsigned(x, y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().compareTo(b.toString());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        Comparable<?> ta = timeLineValue(a);
        Comparable<?> tb = timeLineValue(b);
        if (ta != null && tb != null && ta.getClass() == tb.getClass()) {
            return ((Comparable) ta).compareTo(tb);
        }
        throw new IllegalArgumentException("cannot compare a " + a.getClass().getName() + " with a "
                + b.getClass().getName() + ": the nodes returned different types for one column");
    }

    /** Whether two non-null values are equal as SQL sees them (1 = 1.0, but "1" is not 1). */
    public boolean sqlEquals(Object a, Object b) {
        return compare(a, b) == 0;
    }

    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (isFloating(a) && isFloating(b)) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            // -0.0 equals 0.0 in SQL; NaN sorts after every number (H2 and PostgreSQL agree).
            return x == y ? 0 : Double.compare(x, y);
        }
        if (isFloating(a) && !Double.isFinite(a.doubleValue())) {
            return Double.isNaN(a.doubleValue()) || a.doubleValue() > 0 ? 1 : -1;
        }
        if (isFloating(b) && !Double.isFinite(b.doubleValue())) {
            return Double.isNaN(b.doubleValue()) || b.doubleValue() > 0 ? -1 : 1;
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    static boolean isFloating(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    /** Exact value of any JDBC number (a float/double is taken at its exact binary value). */
    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (isFloating(n)) {
            return new BigDecimal(n.doubleValue());
        }
        return new BigDecimal(n.toString());
    }

    static int compareUnsigned(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /**
     * Puts a date/time value on a comparable time line: local date-times (java.sql.Date is midnight of its day)
     * compare with each other, instants with each other, times of day with each other.
     */
    private static Comparable<?> timeLineValue(Object v) {
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof Time t) {
            return t.toLocalTime();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof LocalDateTime || v instanceof LocalTime || v instanceof Instant) {
            return (Comparable<?>) v;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof OffsetTime o) {
            return o.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalTime();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        return null;
    }
}
