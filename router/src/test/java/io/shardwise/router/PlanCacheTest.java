package io.shardwise.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.BoundPlan;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import io.shardwise.router.topology.KeyPoints;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanCacheTest {
    private ShardwiseRouter router;

    @BeforeEach
    void start() throws SQLException {
        ClusterSpec spec = TestClusters.spec(2, null, "jdbc:h2:mem:" + UUID.randomUUID() + "-");
        router = ShardwiseRouter.start(spec);
    }

    @AfterEach
    void stop() throws SQLException {
        router.close();
    }

    @Test
    void literalTextsShareOnePlanAndRouteByTheirOwnValues() throws SQLException {
        long before = router.cachedPlans();
        for (int k = 0; k < 200; k++) {
            String sql = "SELECT * FROM orders WHERE customer_id = " + k + " AND status = 'open'";
            StatementPlan p = router.plan(sql);
            assertThat(p).isInstanceOf(BoundPlan.class);
            assertThat(p.sql()).isEqualTo(sql);
            assertThat(p.parameterCount()).isZero();
            Route r = p.route(ParameterSource.NONE);
            assertThat(r.node()).isEqualTo(router.topology().shardFor("customers", KeyPoints.hashPoint(k)).node());
            assertThat(r.statements().get(0).sql()).isEqualTo(sql); // the node gets the application's own text
            assertThat(r.statements().get(0).params()).isNull();
            assertThat(r.keyValue(ParameterSource.NONE)).isEqualTo((long) k);
        }
        assertThat(router.cachedPlans() - before).isEqualTo(1);
    }

    @Test
    void mixedLiteralsAndParametersKeepTheApplicationsNumbering() throws SQLException {
        StatementPlan p = router.plan("UPDATE orders SET status = 'x' WHERE customer_id = ? AND total > 10");
        assertThat(p.parameterCount()).isEqualTo(1);
        Route r = p.route(i -> 42L);
        assertThat(r.node()).isEqualTo(router.topology().shardFor("customers", KeyPoints.hashPoint(42L)).node());
        assertThat(r.keyParameter()).isEqualTo(1);
    }

    @Test
    void preparedTextsWithLiteralsAreCachedAndRouteWithoutBuildingRoutes() throws SQLException {
        String sql = "SELECT * FROM orders WHERE status = 'open' AND customer_id = ?";
        StatementPlan p = router.plan(sql);
        assertThat(p).isInstanceOf(BoundPlan.class);
        assertThat(router.plan(sql)).isSameAs(p);
        Route first = p.route(i -> 7L);
        assertThat(p.route(i -> 7L)).isSameAs(first);
        assertThat(first.statements().get(0).sql()).isSameAs(sql);
        assertThat(first.keyParameter()).isEqualTo(1);
        assertThat(first.node()).isEqualTo(router.topology().shardFor("customers", KeyPoints.hashPoint(7L)).node());
        // ad-hoc texts (literals only) are not kept
        long before = router.cachedPlans();
        router.plan("SELECT id FROM orders WHERE customer_id = 99");
        assertThat(router.cachedPlans()).isEqualTo(before + 1); // only the shared normalised plan was added
    }

    @Test
    void preparedTextsAreCachedAsTheyAre() throws SQLException {
        StatementPlan p = router.plan("SELECT * FROM orders WHERE customer_id = ?");
        assertThat(router.plan("SELECT * FROM orders WHERE customer_id = ?")).isSameAs(p);
        assertThat(p).isNotInstanceOf(BoundPlan.class);
    }
}
