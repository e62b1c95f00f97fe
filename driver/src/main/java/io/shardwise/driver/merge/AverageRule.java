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
 * PostgreSQL and MariaDB give AVG of integers a NUMERIC with their own scale rules; merging for those backends
 * needs its own rule here (issue 6). Until then multi-node AVG over them follows H2's types.
 */
final class AverageRule {

    /** H2's extra scale of AVG over an exact numeric argument. */
    static final int EXTRA_SCALE = 10;
    private static final int DEFAULT_DECFLOAT_PRECISION = 27;

    private AverageRule() {
    }

    enum Kind { DOUBLE, NUMERIC, DECFLOAT }

    static Kind kindFor(ColumnInfo sumColumn) {
        if ("DECFLOAT".equalsIgnoreCase(sumColumn.typeName())) {
            return Kind.DECFLOAT;
        }
        return switch (sumColumn.sqlType()) {
            case Types.NUMERIC, Types.DECIMAL -> Kind.NUMERIC;
            default -> Kind.DOUBLE;
        };
    }

    /** The AVG column as the application sees it: label and origin of the node column, type from the rule. */
    static ColumnInfo columnInfo(ColumnInfo avgColumn, ColumnInfo sumColumn) {
        return switch (kindFor(sumColumn)) {
            case DOUBLE -> avgColumn.withType(Types.DOUBLE, "DOUBLE PRECISION", Double.class.getName(), 53, 0);
            case NUMERIC -> avgColumn.withType(Types.NUMERIC, "NUMERIC", BigDecimal.class.getName(),
                    sumColumn.precision() + EXTRA_SCALE, sumColumn.scale() + EXTRA_SCALE);
            case DECFLOAT -> avgColumn.withType(Types.NUMERIC, "DECFLOAT", BigDecimal.class.getName(),
                    decfloatPrecision(sumColumn), 0);
        };
    }

    /** {@code sum / count}; null when there were no non-null values (count 0 or sum null). */
    static Object average(Object sum, Object count, ColumnInfo sumColumn) {
        if (sum == null || count == null) {
            return null;
        }
        long n = ((Number) count).longValue();
        if (n == 0) {
            return null;
        }
        Number s = (Number) sum;
        return switch (kindFor(sumColumn)) {
            case DOUBLE -> s.doubleValue() / n;
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
