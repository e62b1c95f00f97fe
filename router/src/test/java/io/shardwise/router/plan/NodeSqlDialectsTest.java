package io.shardwise.router.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.TestClusters;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.MergeSpec.SortKey;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.InMemoryTopologyStore;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Topology;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-printed scatter SQL in each dialect: names as the application wrote them, the dialect's LIMIT, NULL order. */
class NodeSqlDialectsTest {

    private static Planner planner(SqlDialectKind dialect) {
        ClusterSpec base = TestClusters.spec(2);
        ClusterSpec spec = new ClusterSpec(base.nodes(), base.tables(), base.groups(), base.referenceTables(),
                base.defaultNode(), null, dialect);
        LiveTopology live = new LiveTopology(new InMemoryTopologyStore(), Topology.initial(spec));
        return new Planner(spec, new RoutingContext(live, List.of("n1", "n2"), "n1", dialect));
    }

    @Test
    void mysqlGetsLimitAndNoAnsiOnlySyntax() throws SQLException {
        Route r = planner(SqlDialectKind.MYSQL).plan("SELECT `Note`, total FROM orders WHERE id BETWEEN ? AND ?"
                + " ORDER BY total LIMIT 3 OFFSET 2").route(i -> i);
        String sql = r.statements().get(0).sql();
        assertThat(sql).contains("LIMIT 5").doesNotContain("FETCH").doesNotContain("ASYMMETRIC")
                .doesNotContain("OFFSET");
        assertThat(r.merge().orderBy()).containsExactly(new SortKey(1, false, true));
    }

    @Test
    void postgresKeepsQuotedMixedCaseAndSortsNullsHigh() throws SQLException {
        Route r = planner(SqlDialectKind.POSTGRESQL).plan("SELECT \"Total\", now() FROM orders o"
                + " ORDER BY \"Total\" LIMIT 4").route(i -> null);
        String sql = r.statements().get(0).sql();
        assertThat(sql).contains("\"Total\"").contains("NOW()").doesNotContain("\"NOW\"").doesNotContain("\"O\"");
        assertThat(r.merge().orderBy()).containsExactly(new SortKey(0, false, false));
    }
}
