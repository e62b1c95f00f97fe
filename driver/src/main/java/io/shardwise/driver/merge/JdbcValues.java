package io.shardwise.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts the values that nodes returned to what a JDBC getter asks for, the way H2's own result set does (the
 * embedded default backend): numbers round half-up to integers (doubles with {@link Math#round}), out-of-range
 * values fail with SQLState 22003, impossible conversions with 22018, strings parse leniently only where H2 does.
 * A merged result set must answer {@code getInt}/{@code getString}/... exactly as a node's would, or applications
 * would see different values depending on how many nodes a query touched.
 */
final class JdbcValues {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private JdbcValues() {
    }

    static String toStringValue(Object v, boolean decfloat) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof BigDecimal d) {
            return decfloat ? d.toString() : d.toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (v instanceof Timestamp t) {
            return formatDateTime(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return formatDateTime(t);
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    /** H2 prints a timestamp with a space, and its fraction without trailing zeros (none when zero). */
    private static String formatDateTime(LocalDateTime t) {
        StringBuilder s = new StringBuilder(29).append(t.toLocalDate()).append(' ');
        LocalTime time = t.toLocalTime();
        appendTwo(s, time.getHour()).append(':');
        appendTwo(s, time.getMinute()).append(':');
        appendTwo(s, time.getSecond());
        int nanos = time.getNano();
        if (nanos != 0) {
            String f = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            s.append('.').append(f, 0, end);
        }
        return s.toString();
    }

    private static StringBuilder appendTwo(StringBuilder s, int v) {
        if (v < 10) {
            s.append('0');
        }
        return s.append(v);
    }

    static boolean toBoolean(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return ValueComparator.isFloating(n) ? n.doubleValue() != 0 : ValueComparator.toBigDecimal(n).signum() != 0;
        }
        if (v instanceof String s) {
            switch (s.trim().toUpperCase(Locale.ROOT)) {
                case "TRUE", "T", "YES", "Y", "1":
                    return true;
                case "FALSE", "F", "NO", "N", "0":
                    return false;
                default:
                    try {
                        return new BigDecimal(s.trim()).signum() != 0;
                    } catch (NumberFormatException e) {
                        break;
                    }
            }
        }
        throw conversion(v, "BOOLEAN");
    }

    static long toLong(Object v, long min, long max, String target) throws SQLException {
        if (v == null) {
            return 0;
        }
        long result;
        if (v instanceof Number n) {
            if (ValueComparator.isIntegral(n)) {
                result = n.longValue();
            } else if (ValueComparator.isFloating(n)) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || d < -0x1p63 || d >= 0x1p63) {
                    throw outOfRange(v);
                }
                result = Math.round(d);
            } else {
                BigDecimal d = ValueComparator.toBigDecimal(n).setScale(0, RoundingMode.HALF_UP);
                if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
                    throw outOfRange(v);
                }
                result = d.longValue();
            }
        } else if (v instanceof Boolean b) {
            result = b ? 1 : 0;
        } else if (v instanceof byte[] bytes && bytes.length == widthInBytes(max)) {
            // H2 reads a binary value of exactly the target's width as a big-endian integer.
            long x = bytes[0]; // sign-extended
            for (int i = 1; i < bytes.length; i++) {
                x = (x << 8) | (bytes[i] & 0xff);
            }
            result = x;
        } else if (v instanceof String s) {
            try {
                result = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw conversion(v, target);
            }
        } else {
            throw conversion(v, target);
        }
        if (result < min || result > max) {
            throw outOfRange(v);
        }
        return result;
    }

    private static int widthInBytes(long max) {
        return max == Byte.MAX_VALUE ? 1 : max == Short.MAX_VALUE ? 2 : max == Integer.MAX_VALUE ? 4 : 8;
    }

    static double toDouble(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw conversion(v, "DOUBLE PRECISION");
            }
        }
        throw conversion(v, "DOUBLE PRECISION");
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Number n) {
            if (v instanceof Double d) {
                return BigDecimal.valueOf(d);
            }
            if (v instanceof Float f) {
                return new BigDecimal(Float.toString(f));
            }
            return ValueComparator.toBigDecimal(n);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw conversion(v, "NUMERIC");
            }
        }
        throw conversion(v, "NUMERIC");
    }

    static byte[] toBytes(Object v) throws SQLException {
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof UUID u) {
            return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits()).array();
        }
        if (v instanceof Long l) {
            return ByteBuffer.allocate(8).putLong(l).array();
        }
        if (v instanceof Integer i) {
            return ByteBuffer.allocate(4).putInt(i).array();
        }
        if (v instanceof Short s) {
            return ByteBuffer.allocate(2).putShort(s).array();
        }
        if (v instanceof Byte b) {
            return new byte[] {b};
        }
        throw conversion(v, "BINARY VARYING");
    }

    static Date toDate(Object v) throws SQLException {
        LocalDateTime t = toLocalDateTime(v, "DATE", false);
        return t == null ? null : Date.valueOf(t.toLocalDate());
    }

    static Timestamp toTimestamp(Object v) throws SQLException {
        LocalDateTime t = toLocalDateTime(v, "TIMESTAMP", true);
        return t == null ? null : Timestamp.valueOf(t);
    }

    static Time toTime(Object v) throws SQLException {
        LocalTime t = toLocalTime(v);
        return t == null ? null : Time.valueOf(t);
    }

    private static LocalTime toLocalTime(Object v) throws SQLException {
        if (v == null || v instanceof LocalTime) {
            return (LocalTime) v;
        }
        if (v instanceof Time t) {
            return t.toLocalTime();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toLocalTime();
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalTime();
        }
        if (v instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(ZoneId.systemDefault()).toLocalTime();
        }
        if (v instanceof String s) {
            try {
                return LocalTime.parse(s.trim());
            } catch (RuntimeException e) {
                throw badDateTime(s, "TIME");
            }
        }
        throw conversion(v, "TIME");
    }

    private static LocalDateTime toLocalDateTime(Object v, String target, boolean allowTimeOnly)
            throws SQLException {
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (v instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneId.systemDefault());
        }
        if (allowTimeOnly && v instanceof Time t) {
            // H2 puts a time of day on today's date when asked for a timestamp.
            return LocalDate.now().atTime(t.toLocalTime());
        }
        if (v instanceof String s) {
            String text = s.trim();
            try {
                if (text.length() <= 10) {
                    return LocalDate.parse(text).atStartOfDay();
                }
                if (!allowTimeOnly) {
                    throw badDateTime(s, target); // a DATE must not carry a time of day
                }
                return LocalDateTime.parse(text.replace(' ', 'T'));
            } catch (RuntimeException e) {
                throw badDateTime(s, target);
            }
        }
        throw conversion(v, target);
    }

    /** {@code getObject(column, type)}: the JDBC 4.1 conversions H2 supports for the common types. */
    @SuppressWarnings("unchecked")
    static <T> T convert(Object v, Class<T> type, boolean decfloat) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject needs a target type, got null", "HY009");
        }
        if (v == null) {
            return null;
        }
        if (type == Object.class) {
            return (T) v;
        }
        Object r;
        if (type == String.class) {
            r = toStringValue(v, decfloat);
        } else if (type == Integer.class) {
            r = (int) toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
        } else if (type == Long.class) {
            r = toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
        } else if (type == Short.class) {
            r = (short) toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
        } else if (type == Byte.class) {
            r = (byte) toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
        } else if (type == Double.class) {
            r = toDouble(v);
        } else if (type == Float.class) {
            r = (float) toDouble(v);
        } else if (type == BigDecimal.class) {
            r = toBigDecimal(v);
        } else if (type == BigInteger.class) {
            if (v instanceof String s) {
                try {
                    r = new BigInteger(s.trim());
                } catch (NumberFormatException e) {
                    throw conversion(v, "NUMERIC");
                }
            } else {
                r = toBigDecimal(v).toBigInteger();
            }
        } else if (type == Boolean.class) {
            r = toBoolean(v);
        } else if (type == Date.class) {
            r = toDate(v);
        } else if (type == Time.class) {
            r = toTime(v);
        } else if (type == Timestamp.class) {
            r = toTimestamp(v);
        } else if (type == LocalDate.class) {
            r = toLocalDateTime(v, "DATE", false).toLocalDate();
        } else if (type == LocalDateTime.class) {
            r = toLocalDateTime(v, "TIMESTAMP", true);
        } else if (type == LocalTime.class) {
            r = toLocalTime(v);
        } else if (type == OffsetDateTime.class) {
            r = v instanceof OffsetDateTime ? v
                    : toLocalDateTime(v, "TIMESTAMP WITH TIME ZONE", true).atZone(ZoneId.systemDefault())
                            .toOffsetDateTime();
        } else if (type == Instant.class) {
            r = v instanceof OffsetDateTime o ? o.toInstant()
                    : toLocalDateTime(v, "TIMESTAMP", true).atZone(ZoneId.systemDefault()).toInstant();
        } else if (type == byte[].class) {
            r = toBytes(v);
        } else if (type == UUID.class) {
            if (v instanceof String s) {
                try {
                    r = UUID.fromString(s.trim());
                } catch (IllegalArgumentException e) {
                    throw conversion(v, "UUID");
                }
            } else {
                r = v;
            }
        } else {
            r = v;
        }
        if (!type.isInstance(r)) {
            throw conversion(v, type.getSimpleName());
        }
        return (T) r;
    }

    static SQLDataException conversion(Object v, String target) {
        return new SQLDataException("Data conversion error converting " + describe(v) + " to " + target, "22018");
    }

    static SQLDataException badDateTime(String s, String target) {
        return new SQLDataException("Cannot parse " + target + " constant " + describe(s), "22007");
    }

    static SQLDataException outOfRange(Object v) {
        return new SQLDataException("Numeric value out of range: \"" + v + "\"", "22003");
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
