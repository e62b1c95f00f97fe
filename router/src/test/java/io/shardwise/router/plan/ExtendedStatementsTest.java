package io.shardwise.router.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.TestClusters;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.topology.InMemoryTopologyStore;
import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.Topology;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** FOR UPDATE, upserts and RETURNING, as our parser delivers them. */
class ExtendedStatementsTest {
    private final ClusterSpec spec = TestClusters.spec(2);
    private final LiveTopology live = new LiveTopology(new InMemoryTopologyStore(), Topology.initial(spec));
    private final Planner planner = TestClusters.planner(spec, live);

    private String owner(long key) throws SQLException {
        return live.current().shardFor("customers", KeyPoints.hashPoint(key)).node();
    }

    @Test
    void selectForUpdateRoutesByKey() throws SQLException {
        String sql = "SELECT * FROM orders WHERE customer_id = ? FOR UPDATE";
        Route r = planner.plan(sql).route(i -> 3L);
        assertThat(r.node()).isEqualTo(owner(3L));
        assertThat(r.statements().get(0).sql()).isSameAs(sql);
        assertThat(r.returnsResultSet()).isTrue();
        assertThat(planner.plan("SELECT * FROM orders WHERE status = 'x' FOR SHARE").route(i -> null)
                .statements()).hasSize(2);
    }

    @Test
    void upsertsPassThroughToTheKeysNode() throws SQLException {
        String pg = "INSERT INTO orders (id, customer_id, total) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total";
        Route r = planner.plan(pg).route(i -> i == 2 ? 8L : 1L);
        assertThat(r.node()).isEqualTo(owner(8L));
        assertThat(r.statements().get(0).sql()).isSameAs(pg);
        assertThatThrownBy(() -> planner.plan("INSERT INTO orders (id, customer_id) VALUES (?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id"))
                .hasMessageContaining("shard-key column customer_id").hasMessageContaining("upsert into orders ");
    }

    @Test
    void multiRowUpsertKeepsItsConflictClauseOnEveryNode() throws SQLException {
        String sql = "INSERT INTO orders (id, customer_id) VALUES (?, ?), (?, ?) ON CONFLICT (id) DO NOTHING";
        long a = 0;
        long b = 1;
        while (owner(b).equals(owner(a))) {
            b++;
        }
        long kb = b;
        Route r = planner.plan(sql).route(i -> switch (i) {
            case 2 -> 0L;
            case 4 -> kb;
            default -> (long) i;
        });
        assertThat(r.statements()).hasSize(2);
        for (NodeStatement s : r.statements()) {
            assertThat(s.sql()).endsWith(" ON CONFLICT (id) DO NOTHING").contains("VALUES (?, ?) ON");
            assertThat(s.params()).hasSize(2);
        }
    }

    @Test
    void returningMakesAResultSet() throws SQLException {
        Route r = planner.plan("DELETE FROM orders WHERE customer_id = ? RETURNING id").route(i -> 4L);
        assertThat(r.returnsResultSet()).isTrue();
        assertThat(r.write()).isTrue();
        Route ins = planner.plan("INSERT INTO orders (id, customer_id) VALUES (?, ?) RETURNING id").route(i -> 4L);
        assertThat(ins.returnsResultSet()).isTrue();
        assertThatThrownBy(() -> planner.plan("UPDATE countries SET name = 'x' RETURNING code"))
                .hasMessageContaining("reference table");
    }
}
