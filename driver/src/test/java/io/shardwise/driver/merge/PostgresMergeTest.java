package io.shardwise.driver.merge;

import io.shardwise.testkit.Backends;
import io.shardwise.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.shardwise.driver.merge.H2Split.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The merge over real PostgreSQL nodes answers what one PostgreSQL database holding every row answers. */
class PostgresMergeTest {

    private static final String TABLE = "CREATE TABLE t (id INT PRIMARY KEY, g INT, grp VARCHAR(10), i INT,"
            + " b BIGINT, d DECIMAL(10,2), f DOUBLE PRECISION, r REAL, s VARCHAR(20), dt DATE, ts TIMESTAMP,"
            + " bin BYTEA, flag BOOLEAN)";

    private static H2Split split;

    @BeforeAll
    static void load() throws SQLException {
        List<Connection> connections = new ArrayList<>();
        for (TestDatabase db : Backends.postgresDatabases(3, "merge")) {
            connections.add(db.connect());
        }
        split = new H2Split(connections, TABLE, 150, 11);
    }

    @AfterAll
    static void close() throws SQLException {
        if (split != null) {
            split.close();
        }
    }

    @Test
    void gettersMatchPostgres() throws SQLException {
        GetterParityTest.assertGettersMatch(split, "SELECT id, g, grp, i, b, d, f, r, s, dt, ts, bin, flag,"
                + " '12'::text AS str_int, ' 7 '::text AS str_pad, '1.5'::text AS str_dec, 'yes'::text AS str_yes,"
                + " '2020-01-02'::text AS str_date, 'x'::text AS str_x, TIME '10:11:12' AS tm,"
                + " CAST(-2.5 AS DECIMAL(5,1)) AS half, CAST(-1.5 AS DOUBLE PRECISION) AS dh, 300 AS i300,"
                + " CAST(1e20 AS DOUBLE PRECISION) AS d_huge FROM t ORDER BY id", 150, false);
    }

    @Test
    void aggregatesAndAverages() throws SQLException {
        String query = "SELECT COUNT(*), SUM(i), SUM(b), SUM(d), SUM(f), SUM(r), MIN(s), MAX(ts), AVG(i), AVG(b),"
                + " AVG(d), AVG(f), AVG(r) FROM t";
        String nodeSql = "SELECT COUNT(*), SUM(i), SUM(b), SUM(d), SUM(f), SUM(r), MIN(s), MAX(ts), AVG(i), AVG(b),"
                + " AVG(d), AVG(f), AVG(r), COUNT(i), COUNT(b), COUNT(d), COUNT(f), COUNT(r) FROM t";
        var spec = SpecBuilder.visible(13).groupBy().aggregates("COUNT", "SUM", "SUM", "SUM", "SUM", "SUM", "MIN",
                "MAX", "AVG:1:13", "AVG:2:14", "AVG:3:15", "AVG:4:16", "AVG:5:17", "COUNT", "COUNT", "COUNT",
                "COUNT", "COUNT").build();
        var expected = split.direct(query);
        var actual = split.merged(nodeSql, spec);
        ResultSetMergerTest.assertMetaData(expected.getMetaData(), actual.getMetaData(), query);
        assertThat(rows(actual)).containsExactlyElementsOf(rows(expected));
    }

    @Test
    void orderByEveryColumnType() throws SQLException {
        for (String c : new String[] {"g", "grp", "i", "b", "d", "f", "r", "s", "dt", "ts", "bin", "flag"}) {
            // PostgreSQL sorts NULLs last ascending and first descending.
            String asc = "SELECT " + c + ", id FROM t ORDER BY " + c + ", id";
            assertThat(rows(split.merged(asc, SpecBuilder.visible(2).sort(0, false, false).asc(1).build())))
                    .as(asc).containsExactlyElementsOf(rows(split.direct(asc)));
            String desc = "SELECT " + c + ", id FROM t ORDER BY " + c + " DESC, id";
            assertThat(rows(split.merged(desc, SpecBuilder.visible(2).sort(0, true, true).asc(1).build())))
                    .as(desc).containsExactlyElementsOf(rows(split.direct(desc)));
        }
    }
}
