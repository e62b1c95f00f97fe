package io.shardwise.driver.merge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes whose tables declare a column with different numeric types (e.g. after a schema change) still merge by value. */
class MixedNodeTypesTest {

    @Test
    void orderAndSumAcrossIntegerDecimalAndDoubleColumns() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:h2:mem:mixedA");
             Connection b = DriverManager.getConnection("jdbc:h2:mem:mixedB");
             Connection c = DriverManager.getConnection("jdbc:h2:mem:mixedC")) {
            exec(a, "CREATE TABLE m (v INT)", "INSERT INTO m VALUES (1), (4), (NULL)");
            exec(b, "CREATE TABLE m (v DECIMAL(10,2))", "INSERT INTO m VALUES (2.50), (3.00)");
            exec(c, "CREATE TABLE m (v DOUBLE PRECISION)", "INSERT INTO m VALUES (0.5), (3.75)");
            List<ResultSet> nodes = List.of(query(a, "SELECT v FROM m ORDER BY v DESC"),
                    query(b, "SELECT v FROM m ORDER BY v DESC"), query(c, "SELECT v FROM m ORDER BY v DESC"));
            ResultSet merged = ResultSetMerger.merge(nodes, SpecBuilder.visible(1).desc(0).build(), null);
            List<Double> values = new ArrayList<>();
            while (merged.next()) {
                double v = merged.getDouble(1);
                values.add(merged.wasNull() ? null : v);
            }
            assertThat(values).containsExactly(4.0, 3.75, 3.0, 2.5, 1.0, 0.5, null);

            List<ResultSet> sums = List.of(query(a, "SELECT SUM(v), COUNT(v) FROM m"),
                    query(b, "SELECT SUM(v), COUNT(v) FROM m"));
            ResultSet total = ResultSetMerger.merge(sums,
                    SpecBuilder.visible(2).groupBy().aggregates("SUM", "COUNT").build(), null);
            assertThat(total.next()).isTrue();
            assertThat(total.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("10.50"));
            assertThat(total.getObject(2)).isEqualTo(4L);
            assertThat(total.next()).isFalse();
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static ResultSet query(Connection c, String sql) throws SQLException {
        return c.createStatement().executeQuery(sql);
    }
}
