package io.shardwise.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Normalising must never change what a statement means: a seeded random mix of queries runs on H2 once as written
 * and once as the normalised text with the literals bound as parameters; rows and column labels must be equal.
 */
class SqlNormalizerH2DifferentialTest {

    private static Connection db;

    @BeforeAll
    static void createData() throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:mem:normalizer;DB_CLOSE_DELAY=-1");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(10, 2), d DATE)");
            Random random = new Random(7);
            for (int id = -20; id <= 60; id++) {
                s.execute("INSERT INTO items VALUES (" + id + ", 'n" + (id % 7) + (id % 3 == 0 ? "''q" : "") + "', "
                        + (random.nextInt(20000) - 5000) / 100.0 + ", DATE '2024-01-01' + " + random.nextInt(400)
                        + ")");
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void normalisedStatementsReturnWhatTheOriginalsReturn() throws SQLException {
        Random random = new Random(42);
        int normalised = 0;
        for (int i = 0; i < 400; i++) {
            List<Object> appParams = new ArrayList<>();
            String sql = randomQuery(random, appParams);
            NormalizedStatement n = SqlNormalizer.normalize(sql);
            assertThat(n.applicationParameterCount()).as(sql).isEqualTo(appParams.size());
            List<List<Object>> expected = run(sql, appParams);
            List<Object> bound = new ArrayList<>();
            for (int p = 1; p <= n.placeholderCount(); p++) {
                bound.add(n.value(p, index -> appParams.get(index - 1)));
            }
            List<List<Object>> actual = run(n.sql(), bound);
            assertThat(actual).as("%s%n  normalised: %s", sql, n.sql()).isEqualTo(expected);
            if (n.hasLiterals()) {
                normalised++;
            }
        }
        assertThat(normalised).isGreaterThan(350);
    }

    private static List<List<Object>> run(String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Object> labels = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    labels.add(md.getColumnLabel(c));
                }
                rows.add(labels);
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static String randomQuery(Random r, List<Object> appParams) {
        StringBuilder sql = new StringBuilder("SELECT id, name");
        if (r.nextBoolean()) {
            sql.append(", price + ").append(r.nextInt(5));
        }
        if (r.nextInt(4) == 0) {
            sql.append(", 'lit''x' AS tag, -3");
        }
        if (r.nextInt(4) == 0) {
            sql.append(", CAST(price AS DECIMAL(12, 1))");
        }
        sql.append(r.nextInt(3) == 0 ? "\n  FROM items /* id = 5 */ WHERE " : " FROM items WHERE ");
        int conditions = 1 + r.nextInt(3);
        for (int c = 0; c < conditions; c++) {
            if (c > 0) {
                sql.append(r.nextBoolean() ? " AND " : " OR ");
            }
            sql.append(condition(r, appParams));
        }
        if (r.nextBoolean()) {
            sql.append(r.nextBoolean() ? " ORDER BY 1 DESC" : " ORDER BY price, 1");
            if (r.nextBoolean()) {
                sql.append(" LIMIT ").append(1 + r.nextInt(10));
                if (r.nextBoolean()) {
                    sql.append(" OFFSET ").append(r.nextInt(5));
                }
            }
        } else {
            sql.append(" ORDER BY id");
        }
        return sql.toString();
    }

    private static String condition(Random r, List<Object> appParams) {
        switch (r.nextInt(11)) {
            case 0:
                return "id = " + (r.nextInt(90) - 25);
            case 1:
                return "id BETWEEN " + (r.nextInt(40) - 30) + " AND " + r.nextInt(60);
            case 2:
                return "id IN (" + r.nextInt(10) + ", -" + r.nextInt(10) + ", " + r.nextInt(60) + ")";
            case 3:
                return "name = 'n" + r.nextInt(7) + (r.nextBoolean() ? "''q'" : "'");
            case 4:
                return "price > " + (r.nextInt(200) - 50) + "." + r.nextInt(10);
            case 5:
                return "price - " + r.nextInt(30) + " < " + r.nextInt(100) + "e0";
            case 6:
                return "id-" + r.nextInt(5) + " > -" + r.nextInt(5);
            case 7:
                return "d > DATE '2024-0" + (1 + r.nextInt(9)) + "-15'";
            case 8:
                appParams.add(r.nextInt(40) - 10);
                return "id >= ? -- and id = 3\n";
            case 9:
                return "CAST(id AS VARCHAR(3)) LIKE '" + r.nextInt(5) + "%'";
            default:
                appParams.add((long) r.nextInt(30));
                return "(id < ? AND name <> 'zz')";
        }
    }
}
