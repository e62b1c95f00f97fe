package io.shardwise.driver.merge;

import io.shardwise.router.plan.MergeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.shardwise.driver.merge.H2Split.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every MergeSpec feature against real H2: the same data split over 2, 3 or 4 databases, the per-node SQL the router
 * would send, merged, must equal the application's query on one database holding every row.
 */
class ResultSetMergerTest {

    private static final Map<Integer, H2Split> SPLITS = new HashMap<>();

    @BeforeAll
    static void load() throws SQLException {
        for (int nodes = 2; nodes <= 4; nodes++) {
            SPLITS.put(nodes, new H2Split(nodes, 400, 42));
        }
    }

    @AfterAll
    static void closeAll() throws SQLException {
        for (H2Split s : SPLITS.values()) {
            s.close();
        }
    }

    private static void assertSame(int nodes, String query, String nodeSql, MergeSpec spec) throws SQLException {
        H2Split split = SPLITS.get(nodes);
        ResultSet expected = split.direct(query);
        ResultSet actual = split.merged(nodeSql, spec);
        assertMetaData(expected.getMetaData(), actual.getMetaData(), query);
        assertThat(rows(actual)).as(query).containsExactlyElementsOf(rows(expected));
    }

    private static void assertSameIgnoringOrder(int nodes, String query, String nodeSql, MergeSpec spec)
            throws SQLException {
        H2Split split = SPLITS.get(nodes);
        ResultSet expected = split.direct(query);
        ResultSet actual = split.merged(nodeSql, spec);
        assertMetaData(expected.getMetaData(), actual.getMetaData(), query);
        assertThat(rows(actual)).as(query).containsExactlyInAnyOrderElementsOf(rows(expected));
    }

    static void assertMetaData(ResultSetMetaData expected, ResultSetMetaData actual, String query)
            throws SQLException {
        assertThat(actual.getColumnCount()).as(query).isEqualTo(expected.getColumnCount());
        for (int i = 1; i <= expected.getColumnCount(); i++) {
            String what = query + " column " + i;
            assertThat(actual.getColumnLabel(i)).as(what).isEqualTo(expected.getColumnLabel(i));
            assertThat(actual.getColumnType(i)).as(what).isEqualTo(expected.getColumnType(i));
            assertThat(actual.getColumnTypeName(i)).as(what).isEqualTo(expected.getColumnTypeName(i));
            assertThat(actual.getColumnClassName(i)).as(what).isEqualTo(expected.getColumnClassName(i));
            assertThat(actual.getScale(i)).as(what).isEqualTo(expected.getScale(i));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void orderByEveryColumnTypeAscendingAndDescending(int nodes) throws SQLException {
        String[] columns = {"g", "grp", "i", "b", "d", "f", "r", "s", "dt", "ts", "bin", "flag"};
        for (String c : columns) {
            // id as the tie-breaker makes the expected order unique.
            String asc = "SELECT " + c + ", id FROM t ORDER BY " + c + ", id";
            assertSame(nodes, asc, asc, SpecBuilder.visible(2).asc(0).asc(1).build());
            String desc = "SELECT " + c + ", id FROM t ORDER BY " + c + " DESC, id DESC";
            assertSame(nodes, desc, desc, SpecBuilder.visible(2).desc(0).desc(1).build());
            String nullsLast = "SELECT " + c + ", id FROM t ORDER BY " + c + " NULLS LAST, id";
            assertSame(nodes, nullsLast, nullsLast, SpecBuilder.visible(2).sort(0, false, false).asc(1).build());
            String descNullsFirst = "SELECT " + c + ", id FROM t ORDER BY " + c + " DESC NULLS FIRST, id";
            assertSame(nodes, descNullsFirst, descNullsFirst,
                    SpecBuilder.visible(2).sort(0, true, true).asc(1).build());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void orderByHiddenColumnIsNotVisible(int nodes) throws SQLException {
        String query = "SELECT s FROM t ORDER BY id DESC";
        String nodeSql = "SELECT s, id FROM t ORDER BY id DESC";
        assertSame(nodes, query, nodeSql, SpecBuilder.visible(1).desc(1).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void limitAndOffsetAfterTheMerge(int nodes) throws SQLException {
        for (int[] lo : new int[][] {{10, 0}, {10, 5}, {0, 3}, {1, 399}, {50, 390}, {7, 1000}}) {
            int limit = lo[0];
            int offset = lo[1];
            String query = "SELECT id, s, d FROM t ORDER BY d DESC, id LIMIT " + limit + " OFFSET " + offset;
            String nodeSql = "SELECT id, s, d FROM t ORDER BY d DESC, id LIMIT " + (limit + offset);
            assertSame(nodes, query, nodeSql,
                    SpecBuilder.visible(3).desc(2).asc(0).offset(offset).limit(limit).build());
        }
        String offsetOnly = "SELECT id FROM t ORDER BY id OFFSET 395 ROWS";
        assertSame(nodes, offsetOnly, "SELECT id FROM t ORDER BY id", SpecBuilder.visible(1).asc(0).offset(395).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void limitWithoutOrderReturnsThatManyRowsOfTheTable(int nodes) throws SQLException {
        List<List<Object>> all = rows(SPLITS.get(nodes).direct("SELECT id, s FROM t"));
        List<List<Object>> merged = rows(SPLITS.get(nodes).merged("SELECT id, s FROM t LIMIT 25",
                SpecBuilder.visible(2).limit(25).build()));
        assertThat(merged).hasSize(25).doesNotHaveDuplicates();
        assertThat(all).containsAll(merged);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void distinctUnsortedSortedAndPartlySorted(int nodes) throws SQLException {
        String unsorted = "SELECT DISTINCT grp, g FROM t";
        assertSameIgnoringOrder(nodes, unsorted, unsorted, SpecBuilder.visible(2).distinct().build());
        String sorted = "SELECT DISTINCT grp, g FROM t ORDER BY grp, g";
        assertSame(nodes, sorted, sorted, SpecBuilder.visible(2).distinct().asc(0).asc(1).build());
        // Sorted on one of two columns: duplicates across nodes need not be adjacent.
        String partly = "SELECT DISTINCT g, grp FROM t ORDER BY g";
        List<List<Object>> expected = rows(SPLITS.get(nodes).direct(partly));
        List<List<Object>> actual = rows(SPLITS.get(nodes).merged(partly,
                SpecBuilder.visible(2).distinct().asc(0).build()));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual).extracting(r -> r.get(0)).containsExactlyElementsOf(
                expected.stream().map(r -> r.get(0)).toList());
        String distinctLimit = "SELECT DISTINCT s FROM t ORDER BY s DESC LIMIT 5 OFFSET 2";
        assertSame(nodes, distinctLimit, "SELECT DISTINCT s FROM t ORDER BY s DESC LIMIT 7",
                SpecBuilder.visible(1).distinct().desc(0).offset(2).limit(5).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void globalAggregatesOfEveryType(int nodes) throws SQLException {
        String query = "SELECT COUNT(*), COUNT(i), SUM(i), SUM(b), SUM(d), SUM(f), SUM(r), MIN(i), MAX(b), MIN(d),"
                + " MAX(f), MIN(s), MAX(dt), MIN(ts), MAX(bin), MIN(flag), AVG(i), AVG(b), AVG(d), AVG(f), AVG(r) FROM t";
        String nodeSql = "SELECT COUNT(*), COUNT(i), SUM(i), SUM(b), SUM(d), SUM(f), SUM(r), MIN(i), MAX(b), MIN(d),"
                + " MAX(f), MIN(s), MAX(dt), MIN(ts), MAX(bin), MIN(flag), AVG(i), AVG(b), AVG(d), AVG(f), AVG(r),"
                + " COUNT(b), COUNT(d), COUNT(f), COUNT(r) FROM t";
        MergeSpec spec = SpecBuilder.visible(21).groupBy().aggregates("COUNT", "COUNT", "SUM", "SUM", "SUM", "SUM",
                "SUM", "MIN", "MAX", "MIN", "MAX", "MIN", "MAX", "MIN", "MAX", "MIN", "AVG:2:1", "AVG:3:21",
                "AVG:4:22", "AVG:5:23", "AVG:6:24", "COUNT", "COUNT", "COUNT", "COUNT").build();
        assertSame(nodes, query, nodeSql, spec);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void aggregatesOverNoRowsGiveOneRowOfCountZeroAndNulls(int nodes) throws SQLException {
        String query = "SELECT COUNT(*), SUM(i), MIN(s), AVG(d) FROM t WHERE id < 0";
        String nodeSql = "SELECT COUNT(*), SUM(i), MIN(s), AVG(d), SUM(d), COUNT(d) FROM t WHERE id < 0";
        MergeSpec spec = SpecBuilder.visible(4).groupBy()
                .aggregates("COUNT", "SUM", "MIN", "AVG:4:5", "SUM", "COUNT").build();
        assertSame(nodes, query, nodeSql, spec);
        // And when the nodes return no row at all (nothing to combine), SQL still answers one row.
        String grouped = "SELECT COUNT(*), SUM(i), MIN(s), AVG(d), SUM(d), COUNT(d) FROM t WHERE id < 0 GROUP BY g";
        List<List<Object>> actual = rows(SPLITS.get(nodes).merged(grouped, spec));
        assertThat(actual).containsExactly(java.util.Arrays.asList(0L, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void groupByWithHavingOrderAndLimit(int nodes) throws SQLException {
        String query = "SELECT grp, g, COUNT(*), SUM(d), AVG(i), MAX(s) FROM t GROUP BY grp, g"
                + " HAVING COUNT(*) > 8 AND SUM(b) > 0 ORDER BY grp DESC, g LIMIT 6 OFFSET 1";
        String nodeSql = "SELECT grp, g, COUNT(*), SUM(d), AVG(i), MAX(s), SUM(i), COUNT(i), SUM(b)"
                + " FROM t GROUP BY grp, g";
        MergeSpec spec = SpecBuilder.visible(6).groupBy(0, 1)
                .aggregates("NONE", "NONE", "COUNT", "SUM", "AVG:6:7", "MAX", "SUM", "COUNT", "SUM")
                .having(r -> (Long) r[2] > 8 && r[8] != null && ((java.math.BigDecimal) r[8]).signum() > 0)
                .desc(0).asc(1).offset(1).limit(6).build();
        assertSame(nodes, query, nodeSql, spec);
        String all = "SELECT g, COUNT(*), AVG(b), AVG(f), MIN(dt) FROM t GROUP BY g";
        String allNodes = "SELECT g, COUNT(*), AVG(b), AVG(f), MIN(dt), SUM(b), COUNT(b), SUM(f), COUNT(f)"
                + " FROM t GROUP BY g";
        assertSameIgnoringOrder(nodes, all, allNodes, SpecBuilder.visible(5).groupBy(0)
                .aggregates("NONE", "COUNT", "AVG:5:6", "AVG:7:8", "MIN", "SUM", "COUNT", "SUM", "COUNT").build());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void groupByWithoutAggregatesAndDistinctOverGroups(int nodes) throws SQLException {
        String query = "SELECT grp FROM t GROUP BY grp ORDER BY grp NULLS LAST";
        assertSame(nodes, query, "SELECT grp FROM t GROUP BY grp",
                SpecBuilder.visible(1).groupBy(0).sort(0, false, false).build());
        // Few distinct values over many groups: DISTINCT must see the combined MIN of each group, not the partials.
        String distinct = "SELECT DISTINCT MIN(flag) FROM t GROUP BY g";
        assertSameIgnoringOrder(nodes, distinct, "SELECT MIN(flag), g FROM t GROUP BY g",
                SpecBuilder.visible(1).groupBy(1).aggregates("MIN", "NONE").distinct().build());
    }

    @Test
    void limitStopsPullingAndClosesTheNodeCursors() throws SQLException {
        H2Split split = SPLITS.get(4);
        List<CountingResultSet> counting = new ArrayList<>();
        List<ResultSet> nodes = new ArrayList<>();
        for (ResultSet rs : split.nodeResults("SELECT id FROM t ORDER BY id")) {
            CountingResultSet c = new CountingResultSet(rs);
            counting.add(c);
            nodes.add(c.proxy());
        }
        ResultSet merged = ResultSetMerger.merge(nodes,
                SpecBuilder.visible(1).asc(0).offset(2).limit(5).build(), null);
        List<Integer> ids = new ArrayList<>();
        while (merged.next()) {
            ids.add(merged.getInt(1));
        }
        assertThat(ids).containsExactly(3, 4, 5, 6, 7);
        int pulled = counting.stream().mapToInt(c -> c.rowsRead).sum();
        // 7 rows needed, plus at most one look-ahead row per node cursor: nowhere near the 400 rows.
        assertThat(pulled).isLessThanOrEqualTo(7 + 4);
        for (CountingResultSet c : counting) {
            assertThat(c.delegate.isClosed()).as("node cursor closed once the limit was reached").isTrue();
        }
        assertThat(merged.isClosed()).isFalse();
        merged.close();
    }

    @Test
    void onCloseRunsOnceAndClosesNodeResults() throws SQLException {
        H2Split split = SPLITS.get(2);
        List<ResultSet> nodes = split.nodeResults("SELECT id FROM t");
        int[] calls = new int[1];
        ResultSet merged = ResultSetMerger.merge(nodes, SpecBuilder.visible(1).build(), null, () -> calls[0]++);
        assertThat(merged.next()).isTrue();
        merged.close();
        merged.close();
        assertThat(calls[0]).isEqualTo(1);
        for (ResultSet rs : nodes) {
            assertThat(rs.isClosed()).isTrue();
        }
        assertThat(merged.isClosed()).isTrue();
    }

    @Test
    void badSpecFailsBeforeReadingAndClosesEverything() throws SQLException {
        H2Split split = SPLITS.get(2);
        List<ResultSet> nodes = split.nodeResults("SELECT id FROM t");
        int[] calls = new int[1];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultSetMerger.merge(nodes,
                        SpecBuilder.visible(1).asc(3).build(), null, () -> calls[0]++))
                .isInstanceOf(SQLException.class).hasMessageContaining("ORDER BY column 3");
        assertThat(calls[0]).isEqualTo(1);
        for (ResultSet rs : nodes) {
            assertThat(rs.isClosed()).isTrue();
        }
    }

    @Test
    void aNodeSortedDifferentlyFailsTheQueryInsteadOfMergingWrongly() throws SQLException {
        // As if a node's collation sorted strings differently from the merge: here the node sorts descending.
        ResultSet merged = SPLITS.get(3).merged("SELECT s, id FROM t WHERE s IS NOT NULL ORDER BY s DESC, id",
                SpecBuilder.visible(2).asc(0).asc(1).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            while (merged.next()) {
                merged.getString(1);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("collation").hasMessageContaining("COLLATE");
        merged.close();
    }
}
