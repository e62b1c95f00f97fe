package io.shardwise.router.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.TestClusters;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.MergeSpec.AggregateKind;
import io.shardwise.router.plan.MergeSpec.SortKey;
import io.shardwise.router.topology.InMemoryTopologyStore;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Topology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scatter form of queries without a shard key: node SQL (run on a real H2 to prove it is valid) and merge. */
class ScatterRewriteTest {
    private final ClusterSpec spec = TestClusters.spec(2);
    private final LiveTopology live = new LiveTopology(new InMemoryTopologyStore(), Topology.initial(spec));
    private final ColumnLookup columns = table -> table.equalsIgnoreCase("orders")
            ? List.of("ID", "CUSTOMER_ID", "STATUS", "TOTAL", "COUNTRY", "ACCOUNT_ID") : null;
    private final Planner planner = new Planner(spec, new RoutingContext(live, List.of("n1", "n2"), "n1",
            spec.dialect()), columns);
    private Connection h2;

    @BeforeEach
    void h2() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID());
        try (Statement s = h2.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id BIGINT, status VARCHAR(10),"
                    + " total DECIMAL(10,2), country VARCHAR(2), account_id INT, \"Note\" VARCHAR(20))");
            s.execute("INSERT INTO orders VALUES (1, 10, 'open', 5, 'ch', 1, 'a'), (2, 11, 'open', 7, 'de', 2, 'b'),"
                    + " (3, 10, 'done', 9, 'ch', 1, null)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    private Route scatter(String sql, Object... params) throws SQLException {
        Route r = planner.plan(sql).route(i -> params[i - 1]);
        assertThat(r.statements()).hasSize(2);
        return r;
    }

    /** Runs a node statement on H2; returns the number of columns of its result. */
    private int runOnH2(NodeStatement s) throws SQLException {
        try (PreparedStatement ps = h2.prepareStatement(s.sql())) {
            Object[] p = s.params() == null ? new Object[0] : s.params();
            for (int i = 0; i < p.length; i++) {
                ps.setObject(i + 1, p[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getMetaData().getColumnCount();
            }
        }
    }

    @Test
    void nothingToMergeSendsTheOriginalText() throws SQLException {
        String sql = "SELECT id FROM orders WHERE status = ?";
        Route r = scatter(sql, "open");
        assertThat(r.merge()).isNull();
        assertThat(r.statements()).allMatch(s -> s.sql() == sql && s.params() == null);
    }

    @Test
    void orderByAndLimitBecomeLimitNPlusMOnEveryNode() throws SQLException {
        Route r = scatter("SELECT id, total FROM orders WHERE status = ? ORDER BY total DESC, id LIMIT 10 OFFSET 5",
                "open");
        NodeStatement s = r.statements().get(0);
        assertThat(s.sql()).doesNotContainIgnoringCase("OFFSET").containsIgnoringCase("15");
        assertThat(s.params()).containsExactly("open");
        MergeSpec m = r.merge();
        assertThat(m.visibleColumns()).isEqualTo(2);
        assertThat(m.orderBy()).containsExactly(new SortKey(1, true, false), new SortKey(0, false, true));
        assertThat(m.offset()).isEqualTo(5);
        assertThat(m.limit()).isEqualTo(10);
        assertThat(m.aggregates()).isNull();
        assertThat(runOnH2(s)).isEqualTo(2);
    }

    @Test
    void parameterisedLimitAndOffsetAreBoundPerExecution() throws SQLException {
        Route r = scatter("SELECT id FROM orders WHERE id BETWEEN 1 AND 3 ORDER BY id LIMIT ? OFFSET ?", 3, 4);
        assertThat(r.statements().get(0).sql()).doesNotContain("ASYMMETRIC");
        NodeStatement s = r.statements().get(0);
        assertThat(s.params()).containsExactly(7L);
        assertThat(r.merge().limit()).isEqualTo(3);
        assertThat(r.merge().offset()).isEqualTo(4);
        assertThat(runOnH2(s)).isEqualTo(1);
    }

    @Test
    void sortColumnsOutsideTheSelectListAreHidden() throws SQLException {
        Route r = scatter("SELECT id FROM orders o ORDER BY o.total DESC");
        assertThat(r.merge().visibleColumns()).isEqualTo(1);
        assertThat(r.merge().orderBy()).containsExactly(new SortKey(1, true, false));
        assertThat(runOnH2(r.statements().get(0))).isEqualTo(2);
    }

    @Test
    void selectStarUsesTheTablesColumns() throws SQLException {
        Route r = scatter("SELECT * FROM orders ORDER BY total LIMIT 2");
        assertThat(r.merge().visibleColumns()).isEqualTo(6);
        assertThat(r.merge().orderBy()).containsExactly(new SortKey(3, false, true));
        Planner blind = TestClusters.planner(spec, live);
        assertThatThrownBy(() -> blind.plan("SELECT * FROM orders ORDER BY total").route(i -> null))
                .hasMessageContaining("list the columns");
        assertThatThrownBy(() -> blind.plan("SELECT * FROM orders LIMIT 5").route(i -> null))
                .hasMessageContaining("how many columns");
        assertThat(blind.plan("SELECT * FROM orders").route(i -> null).merge()).isNull(); // plain concatenation
    }

    @Test
    void insertWithoutAColumnListFindsTheKeyByTheTablesColumnOrder() throws SQLException {
        Route r = planner.plan("INSERT INTO orders VALUES (?, ?, 'x', 1, 'ch', 1)").route(i -> i == 2 ? 77L : 1L);
        assertThat(r.keyValue(i -> i == 2 ? 77L : 1L)).isEqualTo(77L);
        assertThatThrownBy(() -> planner.plan("INSERT INTO orders VALUES (1, 2)")).hasMessageContaining("list the columns");
    }

    @Test
    void globalAggregatesMergeAndAvgUsesHiddenSumAndCount() throws SQLException {
        Route r = scatter("SELECT COUNT(*), SUM(total), MIN(id), MAX(id), AVG(total) FROM orders");
        MergeSpec m = r.merge();
        assertThat(m.visibleColumns()).isEqualTo(5);
        assertThat(m.groupBy()).isEmpty();
        assertThat(m.aggregates()).extracting(MergeSpec.Aggregate::kind).containsExactly(AggregateKind.COUNT,
                AggregateKind.SUM, AggregateKind.MIN, AggregateKind.MAX, AggregateKind.AVG, AggregateKind.SUM,
                AggregateKind.COUNT);
        assertThat(m.aggregates()[4].sumColumn()).isEqualTo(5);
        assertThat(m.aggregates()[4].countColumn()).isEqualTo(6);
        assertThat(runOnH2(r.statements().get(0))).isEqualTo(7);
    }

    @Test
    void groupByWithHavingIsEvaluatedAfterMerging() throws SQLException {
        Route r = scatter("SELECT status, COUNT(*) AS n FROM orders GROUP BY status HAVING SUM(total) > ?"
                + " ORDER BY n DESC LIMIT 5", 6);
        NodeStatement s = r.statements().get(0);
        assertThat(s.sql()).doesNotContainIgnoringCase("HAVING").doesNotContainIgnoringCase("ORDER BY")
                .doesNotContainIgnoringCase("FETCH").doesNotContainIgnoringCase("LIMIT");
        MergeSpec m = r.merge();
        assertThat(m.groupBy()).containsExactly(0);
        assertThat(m.visibleColumns()).isEqualTo(2);
        assertThat(m.aggregates()[2].kind()).isEqualTo(AggregateKind.SUM); // hidden SUM(total) for HAVING
        assertThat(m.having().test(new Object[] {"open", 2L, new java.math.BigDecimal("12")})).isTrue();
        assertThat(m.having().test(new Object[] {"done", 1L, new java.math.BigDecimal("6")})).isFalse();
        assertThat(m.having().test(new Object[] {"x", 1L, null})).isFalse();
        assertThat(m.orderBy()).containsExactly(new SortKey(1, true, false));
        assertThat(m.limit()).isEqualTo(5);
        assertThat(runOnH2(s)).isEqualTo(3);
    }

    @Test
    void groupingByTheShardKeyNeedsNoAggregateMerge() throws SQLException {
        Route r = scatter("SELECT customer_id, COUNT(DISTINCT status) FROM orders GROUP BY customer_id"
                + " HAVING COUNT(*) > 1 ORDER BY customer_id");
        MergeSpec m = r.merge();
        assertThat(m.aggregates()).isNull();
        assertThat(m.groupBy()).isNull();
        assertThat(m.having()).isNull();
        assertThat(r.statements().get(0).sql()).containsIgnoringCase("HAVING");
        assertThat(runOnH2(r.statements().get(0))).isEqualTo(2);
    }

    @Test
    void distinctMergesVisibleRows() throws SQLException {
        Route r = scatter("SELECT DISTINCT status FROM orders ORDER BY status");
        assertThat(r.merge().distinct()).isTrue();
        assertThat(runOnH2(r.statements().get(0))).isEqualTo(1);
    }

    @Test
    void whatCannotBeMergedIsRefusedWithTheReasonButWorksForOneKey() throws SQLException {
        assertThatThrownBy(() -> scatter("SELECT COUNT(DISTINCT status) FROM orders"))
                .hasMessageContaining("COUNT(DISTINCT").hasMessageContaining("several nodes");
        assertThatThrownBy(() -> scatter("SELECT SUM(total) / COUNT(*) FROM orders"))
                .hasMessageContaining("computes on aggregates");
        assertThatThrownBy(() -> scatter("SELECT STDDEV_POP(total) FROM orders"))
                .hasMessageContaining("STDDEV_POP");
        assertThatThrownBy(() -> scatter("SELECT id, ROW_NUMBER() OVER (ORDER BY total) FROM orders"))
                .hasMessageContaining("window function");
        Route one = planner.plan("SELECT COUNT(DISTINCT status) FROM orders WHERE customer_id = ?").route(i -> 10L);
        assertThat(one.singleNode()).isTrue();
    }

    @Test
    void reprintedSqlKeepsQuotedNamesAndUnquotedFunctions() throws SQLException {
        Route r = scatter("SELECT \"Note\", LOWER(status) FROM orders ORDER BY \"Note\" LIMIT 3");
        String sql = r.statements().get(0).sql();
        assertThat(sql).contains("\"Note\"").contains("LOWER(").doesNotContain("\"LOWER\"")
                .doesNotContain("\"ORDERS\"");
        assertThat(runOnH2(r.statements().get(0))).isEqualTo(2);
    }

    @Test
    void literalStatementsScatterWithTheirValuesBound() throws SQLException {
        StatementPlan shared = planner.plan("SELECT id FROM orders WHERE total > ? ORDER BY id LIMIT ?");
        StatementPlan bound = new BoundPlan(io.shardwise.router.sql.SqlNormalizer.normalize(
                "SELECT id FROM orders WHERE total > 6 ORDER BY id LIMIT 2"), shared);
        Route r = bound.route(ParameterSource.NONE);
        assertThat(r.statements()).hasSize(2);
        assertThat(r.statements().get(0).params()).containsExactly(6L, 2L);
        assertThat(r.merge().limit()).isEqualTo(2);
    }
}
