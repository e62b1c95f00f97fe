package io.shardwise.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Types;

/**
 * Computes AVG from the merged SUM and COUNT, with the type and rounding the backend would have used for the AVG
 * itself, so a query answers the same whether it ran on one node or on many. The argument's type is not known
 * here, but the SUM column's type determines it on H2 (2.x):
 *
 * <ul>
 *   <li>SUM is BIGINT/INTEGER (AVG of TINYINT/SMALLINT/INTEGER) or DOUBLE/REAL/FLOAT (AVG of REAL): AVG is
 *       DOUBLE PRECISION, {@code sum / count} in double arithmetic.</li>
 *   <li>SUM is NUMERIC(p, s) (AVG of BIGINT or NUMERIC): AVG is NUMERIC(p + 10, s + 10), the exact quotient rounded
 *       half-down to {@code s + 10} digits.</li>
 *   <li>SUM is DECFLOAT (AVG of DOUBLE PRECISION or DECFLOAT): AVG is DECFLOAT with the SUM's precision, divided
 *       the way H2's {@code ValueDecfloat.divide} does and without trailing zeros.</li>
 * </ul>
 *
 * On PostgreSQL AVG of any integer or NUMERIC is an unconstrained NUMERIC (SUM is BIGINT or NUMERIC), divided with
 * the server's {@code select_div_scale} rule (at least 16 significant digits, rounded half away from zero); AVG of
 * REAL or DOUBLE PRECISION is DOUBLE PRECISION. MySQL/MariaDB follow H2's rule for now.
 */
final class AverageRule {

    /** H2's extra scale of AVG over an exact numeric argument. */
    static final int EXTRA_SCALE = 10;
    private static final int DEFAULT_DECFLOAT_PRECISION = 27;

    private AverageRule() {
    }

    enum Kind { DOUBLE, NUMERIC, DECFLOAT, PG_NUMERIC }

    static Kind kindFor(ColumnInfo sumColumn, Backend backend) {
        if (backend == Backend.POSTGRESQL) {
            return switch (sumColumn.sqlType()) {
                case Types.NUMERIC, Types.DECIMAL, Types.BIGINT, Types.INTEGER, Types.SMALLINT -> Kind.PG_NUMERIC;
                default -> Kind.DOUBLE;
            };
        }
        if ("DECFLOAT".equalsIgnoreCase(sumColumn.typeName())) {
            return Kind.DECFLOAT;
        }
        return switch (sumColumn.sqlType()) {
            case Types.NUMERIC, Types.DECIMAL -> Kind.NUMERIC;
            default -> Kind.DOUBLE;
        };
    }

    /** The AVG column as the application sees it: label and origin of the node column, type from the rule. */
    static ColumnInfo columnInfo(ColumnInfo avgColumn, ColumnInfo sumColumn, Backend backend) {
        boolean pg = backend == Backend.POSTGRESQL;
        return switch (kindFor(sumColumn, backend)) {
            case DOUBLE -> pg ? avgColumn.withType(Types.DOUBLE, "float8", Double.class.getName(), 17, 17)
                    : avgColumn.withType(Types.DOUBLE, "DOUBLE PRECISION", Double.class.getName(), 53, 0);
            case PG_NUMERIC -> avgColumn.withType(Types.NUMERIC, "numeric", BigDecimal.class.getName(), 0, 0);
            case NUMERIC -> avgColumn.withType(Types.NUMERIC, "NUMERIC", BigDecimal.class.getName(),
                    sumColumn.precision() + EXTRA_SCALE, sumColumn.scale() + EXTRA_SCALE);
            case DECFLOAT -> avgColumn.withType(Types.NUMERIC, "DECFLOAT", BigDecimal.class.getName(),
                    decfloatPrecision(sumColumn), 0);
        };
    }

    /** {@code sum / count}; null when there were no non-null values (count 0 or sum null). */
    static Object average(Object sum, Object count, ColumnInfo sumColumn, Backend backend) {
        if (sum == null || count == null) {
            return null;
        }
        long n = ((Number) count).longValue();
        if (n == 0) {
            return null;
        }
        Number s = (Number) sum;
        return switch (kindFor(sumColumn, backend)) {
            case DOUBLE -> s.doubleValue() / n;
            case PG_NUMERIC -> postgresDivide(exact(s), BigDecimal.valueOf(n));
            case NUMERIC -> {
                BigDecimal d = exact(s);
                int scale = Math.max(sumColumn.scale(), d.scale()) + EXTRA_SCALE;
                yield d.divide(BigDecimal.valueOf(n), scale, RoundingMode.HALF_DOWN);
            }
            case DECFLOAT -> decfloatDivide(exact(s), BigDecimal.valueOf(n), decfloatPrecision(sumColumn));
        };
    }

    private static int decfloatPrecision(ColumnInfo sumColumn) {
        return sumColumn.precision() > 0 ? sumColumn.precision() : DEFAULT_DECFLOAT_PRECISION;
    }

    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (ValueComparator.isFloating(n)) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** PostgreSQL's {@code numeric_div}: the scale {@code select_div_scale} picks, rounded half away from zero. */
    static BigDecimal postgresDivide(BigDecimal dividend, BigDecimal divisor) {
        int[] a = weightAndFirstDigit(dividend);
        int[] b = weightAndFirstDigit(divisor);
        int quotientWeight = a[0] - b[0];
        if (a[1] <= b[1]) {
            quotientWeight--;
        }
        int scale = 16 - quotientWeight * 4; // NUMERIC_MIN_SIG_DIGITS - qweight * DEC_DIGITS
        scale = Math.max(scale, Math.max(dividend.scale(), 0));
        scale = Math.max(scale, Math.max(divisor.scale(), 0));
        scale = Math.min(Math.max(scale, 0), 1000);
        return dividend.divide(divisor, scale, RoundingMode.HALF_UP);
    }

    /** PostgreSQL stores numerics in base-10000 digits: the weight and value of the leading non-zero one. */
    private static int[] weightAndFirstDigit(BigDecimal x) {
        if (x.signum() == 0) {
            return new int[] {0, 0};
        }
        BigDecimal abs = x.abs();
        int exponent = abs.precision() - abs.scale() - 1;
        int weight = Math.floorDiv(exponent, 4);
        int first = abs.movePointLeft(4 * weight).setScale(0, RoundingMode.DOWN).intValueExact();
        return new int[] {weight, first};
    }

    /** Division to {@code precision} significant digits: half-down at the quotient, half-up when trimming. */
    static BigDecimal decfloatDivide(BigDecimal dividend, BigDecimal divisor, int precision) {
        if (dividend.signum() == 0) {
            return BigDecimal.ZERO;
        }
        int scale = dividend.scale() - dividend.precision() + divisor.precision() - divisor.scale() + precision;
        BigDecimal q = dividend.divide(divisor, scale, RoundingMode.HALF_DOWN);
        int p = q.precision();
        if (p > precision) {
            q = q.setScale(q.scale() - p + precision, RoundingMode.HALF_UP);
        }
        return q.stripTrailingZeros();
    }
}
