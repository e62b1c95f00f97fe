package io.shardwise.router.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.plan.ParameterSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlNormalizerTest {

    static NormalizedStatement norm(String sql) {
        return SqlNormalizer.normalize(sql);
    }

    static List<Object> literals(NormalizedStatement n) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= n.placeholderCount(); i++) {
            if (n.isLiteral(i)) {
                values.add(n.literal(i));
            }
        }
        return values;
    }

    @Test
    void replacesNumbersAndStrings() {
        NormalizedStatement n = norm("SELECT * FROM t WHERE id = 7 AND name = 'x'");
        assertThat(n.sql()).isEqualTo("SELECT * FROM t WHERE id = ? AND name = ?");
        assertThat(literals(n)).containsExactly(7L, "x");
        assertThat(n.placeholderCount()).isEqualTo(2);
        assertThat(n.applicationParameterCount()).isZero();
    }

    @Test
    void differentLiteralsShareOneText() {
        assertThat(norm("UPDATE t SET a = 'p', b = 1.5 WHERE id = 1").sql())
                .isEqualTo(norm("UPDATE t SET a = 'q', b = 2.25 WHERE id = 99").sql())
                .isEqualTo("UPDATE t SET a = ?, b = ? WHERE id = ?");
    }

    @Test
    void stringEscapesAndQuotedIdentifiers() {
        NormalizedStatement n = norm("SELECT \"a'b\", `c` FROM \"T\"\"x\" WHERE s = 'it''s' AND \"q\" = 'a\"b'");
        assertThat(n.sql()).isEqualTo("SELECT \"a'b\", `c` FROM \"T\"\"x\" WHERE s = ? AND \"q\" = ?");
        assertThat(literals(n)).containsExactly("it's", "a\"b");
    }

    @Test
    void mysqlBackslashEscapesAreUnderstoodAndKept() {
        NormalizedStatement n = SqlNormalizer.normalize("SELECT * FROM t WHERE a = 'x\\'y' AND b = 'z' # c = 1",
                SqlDialectKind.MYSQL);
        assertThat(n.sql()).isEqualTo("SELECT * FROM t WHERE a = 'x\\'y' AND b = ? # c = 1");
        assertThat(literals(n)).containsExactly("z");
    }

    @Test
    void commentsAreLeftAlone() {
        NormalizedStatement n = norm("SELECT * FROM t -- id = 5 'x\nWHERE /* a = 6 */ id = 8 /*+ shardwise node=n2 */");
        assertThat(n.sql()).isEqualTo("SELECT * FROM t -- id = 5 'x\nWHERE /* a = 6 */ id = ? /*+ shardwise node=n2 */");
        assertThat(literals(n)).containsExactly(8L);
    }

    @Test
    void numberForms() {
        NormalizedStatement n = norm("DELETE FROM t WHERE a = 12 OR b = 3.25 OR c = 1e3 OR d = 2.5E-2 OR e = .5"
                + " OR f = 99999999999999999999 OR g = -9223372036854775808 OR h = 9223372036854775807");
        assertThat(n.sql()).isEqualTo("DELETE FROM t WHERE a = ? OR b = ? OR c = ? OR d = ? OR e = ?"
                + " OR f = ? OR g = ? OR h = ?");
        assertThat(literals(n)).containsExactly(12L, new BigDecimal("3.25"), new BigDecimal("1e3"),
                new BigDecimal("2.5E-2"), new BigDecimal(".5"), new BigDecimal("99999999999999999999"),
                Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Test
    void negativeNumbersAfterOperatorsAndBinaryMinus() {
        NormalizedStatement n = norm("UPDATE t SET a = -5, b = b - 2, c = c-3, d = (-1.5) WHERE e BETWEEN -10 AND - 2");
        assertThat(n.sql()).isEqualTo("UPDATE t SET a = ?, b = b - ?, c = c-?, d = (?) WHERE e BETWEEN ? AND ?");
        assertThat(literals(n)).containsExactly(-5L, 2L, 3L, new BigDecimal("-1.5"), -10L, -2L);
    }

    @Test
    void identifiersWithDigitsAreNotNumbers() {
        NormalizedStatement n = norm("SELECT t1.c2 FROM t1 WHERE t1.c2 = 3 AND x$1 = 4");
        assertThat(n.sql()).isEqualTo("SELECT t1.c2 FROM t1 WHERE t1.c2 = ? AND x$1 = ?");
    }

    @Test
    void applicationParametersAreMappedAmongLiterals() {
        NormalizedStatement n = norm("SELECT * FROM t WHERE a = ? AND b = 5 AND c = ? AND d IN ('x', ?)");
        assertThat(n.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d IN (?, ?)");
        assertThat(n.placeholderCount()).isEqualTo(5);
        assertThat(n.applicationParameterCount()).isEqualTo(3);
        assertThat(n.isLiteral(1)).isFalse();
        assertThat(n.applicationParameter(1)).isEqualTo(1);
        assertThat(n.literal(2)).isEqualTo(5L);
        assertThat(n.applicationParameter(3)).isEqualTo(2);
        assertThat(n.literal(4)).isEqualTo("x");
        assertThat(n.applicationParameter(5)).isEqualTo(3);
        assertThat(n.literalNumber(2)).isEqualTo(1);
        assertThat(n.literalNumber(4)).isEqualTo(2);
        assertThat(n.literalValues()).containsExactly(5L, "x");
        ParameterSource app = index -> "app" + index;
        ParameterSource bound = n.bind(app);
        assertThat(List.of(bound.parameter(1), bound.parameter(2), bound.parameter(3), bound.parameter(4),
                bound.parameter(5))).containsExactly("app1", 5L, "app2", "x", "app3");
        assertThatThrownBy(() -> n.literal(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> n.applicationParameter(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyLiteralsGrowTheSlots() {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        StringBuilder expected = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < 40; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ").append(i).append(')');
            expected.append(i == 0 ? "" : ", ").append("(?, ?)");
        }
        NormalizedStatement n = norm(sql.toString());
        assertThat(n.sql()).isEqualTo(expected.toString());
        assertThat(n.placeholderCount()).isEqualTo(80);
        assertThat(n.applicationParameter(79)).isEqualTo(40);
        assertThat(n.literal(80)).isEqualTo(39L);
    }

    @Test
    void noLiteralsReturnsTheSameText() {
        String sql = "SELECT a FROM t WHERE id = ? AND b IS NULL AND c = TRUE";
        NormalizedStatement n = norm(sql);
        assertThat(n.sql()).isSameAs(sql);
        assertThat(n.hasLiterals()).isFalse();
        assertThat(n.placeholderCount()).isEqualTo(1);
        assertThat(n.applicationParameter(1)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE t (a VARCHAR(10) DEFAULT 'x', b INT DEFAULT 5)",
        "ALTER TABLE t ADD c INT DEFAULT 1",
        "DROP TABLE t",
        "SET search_path TO 'x'",
        "SET LOCK_TIMEOUT 1000",
        "SAVEPOINT s1",
        "SHOW SHARDWISE SHARDS",
    })
    void nonDmlIsUnchanged(String sql) {
        assertThat(norm(sql).sql()).isSameAs(sql);
    }

    @Test
    void typedLiteralsStay() {
        String sql = "SELECT * FROM t WHERE d > DATE '2020-01-01' AND ts < TIMESTAMP '2020-01-01 00:00:00'"
                + " AND d < CURRENT_DATE - INTERVAL '1' DAY AND e < NOW() - INTERVAL 2 DAY AND n = N'x'"
                + " AND x = X'0F' AND s LIKE 'a!%' ESCAPE '!' AND h = 0x1F";
        NormalizedStatement n = norm(sql);
        assertThat(n.sql()).isEqualTo(sql.replace("LIKE 'a!%'", "LIKE ?"));
        assertThat(literals(n)).containsExactly("a!%");
    }

    @Test
    void typeParametersAndCastsStay() {
        NormalizedStatement n = norm("SELECT a FROM t WHERE CAST(b AS DECIMAL(10, 2)) = 3.5"
                + " AND CAST(c AS VARCHAR(20)) = 'x' AND d::numeric(8,3) > 1 AND CONVERT(e, CHAR(5)) = 'y'");
        assertThat(n.sql()).isEqualTo("SELECT a FROM t WHERE CAST(b AS DECIMAL(10, 2)) = ?"
                + " AND CAST(c AS VARCHAR(20)) = ? AND d::numeric(8,3) > ? AND CONVERT(e, CHAR(5)) = ?");
        assertThat(literals(n)).containsExactly(new BigDecimal("3.5"), "x", 1L, "y");
    }

    @Test
    void trueFalseNullStay() {
        NormalizedStatement n = norm("UPDATE t SET a = NULL, b = TRUE, c = FALSE WHERE d = 1");
        assertThat(n.sql()).isEqualTo("UPDATE t SET a = NULL, b = TRUE, c = FALSE WHERE d = ?");
    }

    @Test
    void selectListOrdinalsStay() {
        NormalizedStatement n = norm("SELECT 1, 'x' AS k, a + 2 FROM t WHERE b = 3 GROUP BY 1, 2 HAVING COUNT(*) > 4"
                + " ORDER BY 2 DESC, a LIMIT 10 OFFSET 20");
        assertThat(n.sql()).isEqualTo("SELECT 1, 'x' AS k, a + 2 FROM t WHERE b = ? GROUP BY 1, 2 HAVING COUNT(*) > ?"
                + " ORDER BY 2 DESC, a LIMIT ? OFFSET ?");
        assertThat(literals(n)).containsExactly(3L, 4L, 10L, 20L);
    }

    @Test
    void returningListStays() {
        NormalizedStatement n = norm("UPDATE t SET a = 5 WHERE id = 6 RETURNING id, 'x' AS tag, a + 1");
        assertThat(n.sql()).isEqualTo("UPDATE t SET a = ? WHERE id = ? RETURNING id, 'x' AS tag, a + 1");
    }

    @Test
    void setOperationsAndAtTimeZone() {
        NormalizedStatement n = norm("SELECT a, 1 FROM t WHERE b = 2 UNION ALL SELECT a, 3 FROM u WHERE c = 'q'"
                + " AND ts AT TIME ZONE 'UTC' > x");
        assertThat(n.sql()).isEqualTo("SELECT a, 1 FROM t WHERE b = ? UNION ALL SELECT a, 3 FROM u WHERE c = ?"
                + " AND ts AT TIME ZONE 'UTC' > x");
        assertThat(literals(n)).containsExactly(2L, "q");
    }

    @Test
    void subqueriesKeepTheirOwnContext() {
        NormalizedStatement n = norm("SELECT (SELECT MAX(x) FROM u WHERE u.k = 5) AS m FROM t"
                + " WHERE t.k IN (SELECT k FROM v WHERE v.z = 6) AND t.y = 7");
        assertThat(n.sql()).isEqualTo("SELECT (SELECT MAX(x) FROM u WHERE u.k = 5) AS m FROM t"
                + " WHERE t.k IN (SELECT k FROM v WHERE v.z = ?) AND t.y = ?");
    }

    @Test
    void insertValuesAndUpsert() {
        NormalizedStatement n = norm("INSERT INTO t (a, b) VALUES (1, 'x'), (-2, 'y')"
                + " ON CONFLICT (a) DO UPDATE SET b = 'z'");
        assertThat(n.sql()).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?), (?, ?) ON CONFLICT (a) DO UPDATE SET b = ?");
        assertThat(literals(n)).containsExactly(1L, "x", -2L, "y", "z");
    }

    @Test
    void leadingCommentsAndParenthesesStillNormalise() {
        assertThat(norm("/*+ shardwise node=n1 */ SELECT * FROM t WHERE a = 1").sql())
                .isEqualTo("/*+ shardwise node=n1 */ SELECT * FROM t WHERE a = ?");
        assertThat(norm("-- c\n(SELECT a FROM t WHERE b = 2)").sql()).isEqualTo("-- c\n(SELECT a FROM t WHERE b = ?)");
        assertThat(norm("WITH x AS (SELECT a FROM t WHERE b = 2) SELECT * FROM x").sql())
                .isEqualTo("WITH x AS (SELECT a FROM t WHERE b = ?) SELECT * FROM x");
    }

    @Test
    void unknownSyntaxIsLeftUnchanged() {
        String dollar = "SELECT * FROM t WHERE a = $1 AND b = 2";
        assertThat(norm(dollar).sql()).isSameAs(dollar);
        String unterminated = "SELECT * FROM t WHERE a = 'x";
        assertThat(norm(unterminated).sql()).isSameAs(unterminated);
        String unbalanced = "SELECT * FROM t WHERE a = 1)";
        assertThat(norm(unbalanced).sql()).isSameAs(unbalanced);
    }

    @Test
    void normalisedTextParsesAndKeepsPlaceholderOrder() throws Exception {
        String[] statements = {
            "SELECT a FROM t WHERE id = 7 AND name = 'x' AND c BETWEEN -1 AND 2.5 ORDER BY a LIMIT 10 OFFSET 5",
            "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')",
            "UPDATE t SET a = a + 1, b = 'q' WHERE id IN (1, 2, 3)",
            "DELETE FROM t WHERE id = -4",
            "SELECT * FROM t WHERE id = 1 FETCH FIRST 10 ROWS ONLY",
            "SELECT * FROM t WHERE id = 5 FOR UPDATE",
        };
        for (String sql : statements) {
            NormalizedStatement n = norm(sql);
            assertThat(n.hasLiterals()).as(sql).isTrue();
            ShardwiseSqlParser.parse(n.sql(), SqlDialectKind.H2);
        }
    }
}
