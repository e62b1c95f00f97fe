package io.shardwise.driver.merge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueComparatorTest {

    private final ValueComparator cmp = ValueComparator.INSTANCE;

    @Test
    void numbersOfMixedTypesCompareByValue() {
        assertThat(cmp.compare(1, 2L)).isNegative();
        assertThat(cmp.compare(2L, 2)).isZero();
        assertThat(cmp.compare(new BigDecimal("2.00"), 2)).isZero();
        assertThat(cmp.compare(new BigDecimal("2.5"), 2.4d)).isPositive();
        assertThat(cmp.compare(0.1d, new BigDecimal("0.1"))).isPositive(); // the double 0.1 is slightly above 0.1
        assertThat(cmp.compare(0.1f, 0.1d)).isPositive(); // (double) 0.1f is 0.10000000149...
        assertThat(cmp.compare(Long.MAX_VALUE, (double) Long.MAX_VALUE)).isNegative();
        assertThat(cmp.compare(BigInteger.TEN.pow(30), Long.MAX_VALUE)).isPositive();
        assertThat(cmp.compare(Double.POSITIVE_INFINITY, new BigDecimal("1e400"))).isPositive();
        assertThat(cmp.compare(new BigDecimal("-1e400"), Double.NEGATIVE_INFINITY)).isPositive();
        assertThat(cmp.compare((short) 3, (byte) 4)).isNegative();
        assertThat(cmp.compare(-0.0d, 0.0d)).isZero();
        assertThat(cmp.compare(Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
    }

    @Test
    void datesAndTimestampsShareOneTimeLine() {
        Date day = Date.valueOf("2020-01-02");
        assertThat(cmp.compare(day, Timestamp.valueOf("2020-01-02 00:00:00"))).isZero();
        assertThat(cmp.compare(day, Timestamp.valueOf("2020-01-01 23:59:59.999"))).isPositive();
        assertThat(cmp.compare(LocalDate.of(2020, 1, 2), LocalDateTime.of(2020, 1, 2, 0, 1))).isNegative();
        assertThat(cmp.compare(Timestamp.valueOf("2020-01-02 00:00:00.000000002"),
                Timestamp.valueOf("2020-01-02 00:00:00.000000001"))).isPositive();
    }

    @Test
    void bytesAndUuidsCompareUnsigned() {
        assertThat(cmp.compare(new byte[] {(byte) 0xff}, new byte[] {1})).isPositive();
        assertThat(cmp.compare(new byte[] {1}, new byte[] {1, 0})).isNegative();
        assertThat(cmp.compare(new UUID(-1, 0), new UUID(1, 0))).isPositive();
    }

    @Test
    void stringsAndBooleans() {
        assertThat(cmp.compare("B", "a")).isNegative(); // code unit order, like H2's default collation
        assertThat(cmp.compare(false, true)).isNegative();
    }

    @Test
    void incomparableTypesFailLoudly() {
        assertThatThrownBy(() -> cmp.compare("1", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String").hasMessageContaining("java.lang.Integer");
    }

    @Test
    void sumsKeepTheirTypeFamily() throws Exception {
        assertThat(Grouping.add(2, 3L)).isEqualTo(5L);
        assertThat(Grouping.add(null, 3L)).isEqualTo(3L);
        assertThat(Grouping.add(null, null)).isNull();
        assertThat(Grouping.add(new BigDecimal("1.10"), new BigDecimal("2.205"))).isEqualTo(new BigDecimal("3.305"));
        assertThat(Grouping.add(1.5d, 2.25d)).isEqualTo(3.75d);
        assertThat(Grouping.add(1.5f, 2.25f)).isEqualTo(3.75f);
        assertThat(Grouping.add(2L, new BigDecimal("0.5"))).isEqualTo(new BigDecimal("2.5"));
        assertThatThrownBy(() -> Grouping.add(Long.MAX_VALUE, 1L)).isInstanceOf(java.sql.SQLDataException.class)
                .hasFieldOrPropertyWithValue("SQLState", "22003");
    }

    @Test
    void averageFollowsH2Types() {
        ColumnInfo bigint = ColumnInfo.of("S", java.sql.Types.BIGINT);
        assertThat(AverageRule.average(7L, 3L, bigint, Backend.H2)).isEqualTo(7d / 3);
        assertThat(AverageRule.average(null, 0L, bigint, Backend.H2)).isNull();
        assertThat(AverageRule.average(5L, 0L, bigint, Backend.H2)).isNull();
        ColumnInfo numeric = ColumnInfo.of("S", java.sql.Types.NUMERIC).withType(java.sql.Types.NUMERIC, "NUMERIC",
                BigDecimal.class.getName(), 20, 2);
        assertThat(AverageRule.average(new BigDecimal("4.75"), 3L, numeric, Backend.H2))
                .isEqualTo(new BigDecimal("1.583333333333"));
        ColumnInfo decfloat = numeric.withType(java.sql.Types.NUMERIC, "DECFLOAT", BigDecimal.class.getName(), 27, 0);
        assertThat(AverageRule.average(new BigDecimal("7"), 3L, decfloat, Backend.H2))
                .isEqualTo(new BigDecimal("2.33333333333333333333333333"));
        assertThat(AverageRule.average(new BigDecimal("3"), 2L, decfloat, Backend.H2)).isEqualTo(new BigDecimal("1.5"));
    }
}
