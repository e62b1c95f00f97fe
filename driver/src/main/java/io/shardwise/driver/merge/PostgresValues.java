package io.shardwise.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The getter conversions where PostgreSQL's JDBC driver answers differently from H2's: it reads most values from
 * the server's text form, so numbers are truncated (not rounded) to integers, booleans print as {@code t}/{@code f},
 * floating-point numbers print the way the server prints them ({@code 1e+20}), and getBytes of a non-binary column
 * is the text's bytes. Everything not listed here converts as in {@link JdbcValues}.
 */
final class PostgresValues {

    private PostgresValues() {
    }

    static String toStringValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (v instanceof Double d) {
            return floatText(d, false);
        }
        if (v instanceof Float f) {
            return floatText(f, true);
        }
        if (v instanceof byte[] b) {
            StringBuilder s = new StringBuilder(2 + b.length * 2).append("\\x");
            for (byte x : b) {
                s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return s.toString();
        }
        return JdbcValues.toStringValue(v, false);
    }

    /**
     * PostgreSQL 12+'s shortest exact output ({@code extra_float_digits > 0}, which the JDBC driver sets): fixed
     * notation for decimal exponents in [-4, 15) (float4: [-4, 6)), otherwise {@code d.ddde+XX}.
     */
    static String floatText(double v, boolean float4) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(float4 ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < (float4 ? 6 : 15)) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        StringBuilder s = new StringBuilder();
        if (d.signum() < 0) {
            s.append('-');
        }
        s.append(digits.charAt(0));
        if (digits.length() > 1) {
            s.append('.').append(digits, 1, digits.length());
        }
        int e = Math.abs(exponent);
        return s.append('e').append(exponent < 0 ? '-' : '+').append(e < 10 ? "0" : "").append(e).toString();
    }

    static boolean toBoolean(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "1", "true", "t", "yes", "y", "on":
                    return true;
                case "0", "false", "f", "no", "n", "off":
                    return false;
                default:
                    throw JdbcValues.conversion(v, "boolean");
            }
        }
        if (v instanceof Number n) {
            BigDecimal d = JdbcValues.toBigDecimal(n);
            if (d.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            if (d.signum() == 0) {
                return false;
            }
        }
        throw JdbcValues.conversion(v, "boolean");
    }

    static long toLong(Object v, long min, long max, String target) throws SQLException {
        if (v == null) {
            return 0;
        }
        BigInteger i;
        if (v instanceof Number n) {
            if (ValueComparator.isIntegral(n)) {
                i = BigInteger.valueOf(n.longValue());
            } else if (ValueComparator.isFloating(n) && !Double.isFinite(n.doubleValue())) {
                throw JdbcValues.outOfRange(v);
            } else {
                i = JdbcValues.toBigDecimal(n).toBigInteger(); // truncates toward zero, like the driver
            }
        } else if (v instanceof String s) {
            try {
                i = new BigDecimal(s.trim()).toBigInteger();
            } catch (NumberFormatException e) {
                throw JdbcValues.conversion(v, target);
            }
        } else {
            throw JdbcValues.conversion(v, target);
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new SQLDataException("Bad value for type " + target + " : " + v, "22003");
        }
        return i.longValue();
    }

    static double toDouble(Object v) throws SQLException {
        if (v instanceof Boolean) {
            throw JdbcValues.conversion(v, "double");
        }
        return JdbcValues.toDouble(v);
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v instanceof Boolean) {
            throw JdbcValues.conversion(v, "numeric");
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw JdbcValues.conversion(v, "numeric");
            }
            return new BigDecimal(floatText(d, v instanceof Float));
        }
        return JdbcValues.toBigDecimal(v);
    }

    static byte[] toBytes(Object v) {
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        return toStringValue(v).getBytes(StandardCharsets.UTF_8);
    }

    static Timestamp toTimestamp(Object v) throws SQLException {
        if (v instanceof Time t) {
            return Timestamp.valueOf(LocalDate.of(1970, 1, 1).atTime(t.toLocalTime()));
        }
        return JdbcValues.toTimestamp(v);
    }

    static Time toTime(Object v) throws SQLException {
        if (v instanceof java.sql.Date) {
            return Time.valueOf("00:00:00");
        }
        if (v instanceof String s && s.trim().length() == 10) {
            JdbcValues.toDate(s); // validates the date
            return Time.valueOf("00:00:00");
        }
        return JdbcValues.toTime(v);
    }
}
