package io.shardwise.router.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyPointsTest {

    @Test
    void everyIntegralFormOfFiveHashesToOnePoint() throws SQLException {
        long p = KeyPoints.hashPoint(5);
        assertThat(KeyPoints.hashPoint(5L)).isEqualTo(p);
        assertThat(KeyPoints.hashPoint((short) 5)).isEqualTo(p);
        assertThat(KeyPoints.hashPoint((byte) 5)).isEqualTo(p);
        assertThat(KeyPoints.hashPoint(new BigDecimal("5"))).isEqualTo(p);
        assertThat(KeyPoints.hashPoint(new BigDecimal("5.000"))).isEqualTo(p);
        assertThat(KeyPoints.hashPoint(BigInteger.valueOf(5))).isEqualTo(p);
        assertThat(KeyPoints.hashPoint(5.0d)).isEqualTo(p);
        assertThat(p).isNotNegative();
        assertThat(KeyPoints.hashPoint(6)).isNotEqualTo(p);
    }

    @Test
    void hugeIntegersHashTheSameWhateverTheirType() throws SQLException {
        BigInteger big = new BigInteger("123456789012345678901234567890");
        assertThat(KeyPoints.hashPoint(big)).isEqualTo(KeyPoints.hashPoint(new BigDecimal(big)));
        assertThat(KeyPoints.hashPoint(Long.MAX_VALUE)).isEqualTo(KeyPoints.hashPoint(BigInteger.valueOf(Long.MAX_VALUE)));
    }

    @Test
    void stringsHashByTheirUtf8Bytes() throws SQLException {
        String s = "Zürich-東京-\uD83D\uDE00";
        assertThat(KeyPoints.hashPoint(s)).isEqualTo(KeyPoints.hashPoint(s.getBytes(StandardCharsets.UTF_8)));
        assertThat(KeyPoints.hashPoint("a")).isEqualTo(KeyPoints.hashPoint('a'));
        assertThat(KeyPoints.hashPoint("abc")).isNotEqualTo(KeyPoints.hashPoint("abd"));
        UUID u = UUID.randomUUID();
        assertThat(KeyPoints.hashPoint(u)).isEqualTo(KeyPoints.hashPoint(u)).isNotNegative();
    }

    @Test
    void hashesSpreadOverTheWholeSpace() throws SQLException {
        int[] quarters = new int[4];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 40_000; i++) {
            long p = KeyPoints.hashPoint(i);
            seen.add(p);
            quarters[(int) (p / (Long.MAX_VALUE / 4 + 1))]++;
        }
        assertThat(seen).hasSize(40_000);
        for (int q : quarters) {
            assertThat(q).isBetween(9_000, 11_000);
        }
    }

    @Test
    void unsupportedKeyTypesAreRefusedClearly() {
        assertThatThrownBy(() -> KeyPoints.hashPoint(new BigDecimal("5.5")))
                .isInstanceOf(SQLException.class).hasMessageContaining("fractional");
        assertThatThrownBy(() -> KeyPoints.hashPoint(true)).isInstanceOf(SQLException.class)
                .hasMessageContaining("Boolean");
        assertThatThrownBy(() -> KeyPoints.hashPoint(LocalDate.of(2020, 1, 1)))
                .isInstanceOf(SQLException.class).hasMessageContaining("LocalDate");
    }

    @Test
    void rangePointsAreTheIntegralValueAndRefuseTheRest() throws SQLException {
        assertThat(KeyPoints.rangePoint(-7)).isEqualTo(-7);
        assertThat(KeyPoints.rangePoint(new BigDecimal("42"))).isEqualTo(42);
        assertThat(KeyPoints.rangePoint(new BigDecimal("4.20E+1"))).isEqualTo(42);
        assertThatThrownBy(() -> KeyPoints.rangePoint("42")).isInstanceOf(SQLException.class)
                .hasMessageContaining("integral");
        assertThatThrownBy(() -> KeyPoints.rangePoint(new BigDecimal("1.5"))).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> KeyPoints.rangePoint(new BigInteger("99999999999999999999")))
                .isInstanceOf(SQLException.class);
    }
}
