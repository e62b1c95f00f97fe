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
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Routing of each statement form over in-memory topologies of 2 and 4 nodes (no database). */
class RoutingTest {
    private final ClusterSpec spec2 = TestClusters.spec(2);
    private final LiveTopology live2 = new LiveTopology(new InMemoryTopologyStore(), Topology.initial(spec2));
    private final Planner p2 = TestClusters.planner(spec2, live2);
    private final Planner p4 = TestClusters.planner(TestClusters.spec(4));

    static ParameterSource params(Object... values) {
        return i -> values[i - 1];
    }

    static Set<String> nodes(Route r) {
        Set<String> out = new TreeSet<>();
        for (NodeStatement s : r.statements()) {
            out.add(s.node());
        }
        return out;
    }

    String ownerOf(String group, Object key) throws SQLException {
        Topology t = live2.current();
        return t.shardFor(group, KeyPoints.point(t.group(group).strategy(), key)).node();
    }

    @Test
    void pointSelectGoesToTheOwnerWithTheApplicationsText() throws SQLException {
        String sql = "SELECT * FROM orders WHERE customer_id = ?";
        StatementPlan plan = p2.plan(sql);
        assertThat(plan.kind()).isEqualTo(StatementKind.QUERY);
        assertThat(plan.parameterCount()).isEqualTo(1);
        for (long k = 0; k < 50; k++) {
            Route r = plan.route(params(k));
            assertThat(r.singleNode()).isTrue();
            assertThat(r.node()).isEqualTo(ownerOf("customers", k));
            assertThat(r.statements().get(0).sql()).isSameAs(sql);
            assertThat(r.statements().get(0).params()).isNull();
            assertThat(r.group()).isEqualTo("customers");
            assertThat(r.keyValue(params(k))).isEqualTo(k);
            assertThat(r.write()).isFalse();
        }
        // the same Route object per node: nothing allocated per execution
        assertThat(plan.route(params(1L))).isSameAs(plan.route(params(1L)));
    }

    @Test
    void literalKeysRouteLikeBoundOnes() throws SQLException {
        for (int k = 0; k < 20; k++) {
            Route r = p2.plan("SELECT * FROM orders o WHERE o.customer_id = " + k + " AND o.status = 'x'")
                    .route(ParameterSource.NONE);
            assertThat(r.node()).isEqualTo(ownerOf("customers", k));
            assertThat(r.keyValue(ParameterSource.NONE)).isEqualTo((long) k);
        }
    }

    @Test
    void inListsUnionAndAndIntersects() throws SQLException {
        StatementPlan in = p4.plan("SELECT * FROM orders WHERE customer_id IN (?, ?, ?)");
        Set<String> all = new TreeSet<>();
        for (long k = 0; k < 40; k += 3) {
            Route r = in.route(params(k, k + 1, k + 2));
            assertThat(r.statements().size()).isBetween(1, 3);
            all.addAll(nodes(r));
        }
        assertThat(all).containsExactly("n1", "n2", "n3", "n4");
        StatementPlan and = p2.plan("SELECT * FROM orders WHERE customer_id IN (?, ?) AND customer_id = ?");
        Route r = and.route(params(3L, 4L, 3L));
        assertThat(nodes(r)).containsExactly(ownerOf("customers", 3L));
        StatementPlan or = p2.plan("SELECT * FROM orders WHERE customer_id = ? OR customer_id = ?");
        assertThat(nodes(or.route(params(7L, 7L)))).containsExactly(ownerOf("customers", 7L));
        StatementPlan widen = p2.plan("SELECT * FROM orders WHERE customer_id = ? OR status = 'x'");
        assertThat(nodes(widen.route(params(7L)))).containsExactly("n1", "n2");
        StatementPlan fn = p2.plan("SELECT * FROM orders WHERE ABS(customer_id) = ?");
        assertThat(nodes(fn.route(params(7L)))).containsExactly("n1", "n2");
    }

    @Test
    void rangesPruneOnlyRangeGroups() throws SQLException {
        // events: range on id, shards (-inf,100) n1, [100,200) n2, [200,max] n1
        assertThat(nodes(p2.plan("SELECT * FROM events WHERE id BETWEEN ? AND ?").route(params(120, 150))))
                .containsExactly("n2");
        assertThat(nodes(p2.plan("SELECT * FROM events WHERE id < 100").route(ParameterSource.NONE)))
                .containsExactly("n1");
        assertThat(nodes(p2.plan("SELECT * FROM events WHERE id >= 100 AND id < 200").route(ParameterSource.NONE)))
                .containsExactly("n2");
        assertThat(nodes(p2.plan("SELECT * FROM events WHERE 150 < id AND id <= 250").route(ParameterSource.NONE)))
                .containsExactly("n1", "n2");
        assertThat(nodes(p2.plan("SELECT * FROM orders WHERE customer_id BETWEEN 1 AND 2")
                .route(ParameterSource.NONE))).containsExactly("n1", "n2");
        assertThatThrownBy(() -> p2.plan("SELECT * FROM events WHERE id = ?").route(params("abc")))
                .isInstanceOf(SQLException.class).hasMessageContaining("integral");
    }

    @Test
    void updatesAndDeletesRouteByKeyAndScatterWithout() throws SQLException {
        Route r = p2.plan("UPDATE orders SET total = total + 1 WHERE customer_id = ?").route(params(9L));
        assertThat(nodes(r)).containsExactly(ownerOf("customers", 9L));
        assertThat(r.write()).isTrue();
        Route all = p2.plan("DELETE FROM orders WHERE status = ?").route(params("old"));
        assertThat(nodes(all)).containsExactly("n1", "n2");
        assertThat(all.merge()).isNull();
        assertThat(all.statements()).allMatch(s -> s.params() == null);
    }

    @Test
    void updatingTheShardKeyIsRefused() {
        assertThatThrownBy(() -> p2.plan("UPDATE orders SET customer_id = ? WHERE customer_id = ?"))
                .isInstanceOf(SQLException.class).hasMessageContaining("shard-key column customer_id");
        // the table is named as the application wrote it, not as the parser upper-cased it
        assertThatThrownBy(() -> p2.plan("UPDATE Orders SET customer_id = ? WHERE customer_id = ?"))
                .hasMessageStartingWith("UPDATE of orders sets");
        assertThatThrownBy(() -> p2.plan("INSERT INTO orders (id) VALUES (?)"))
                .hasMessageContaining("INSERT into sharded table orders does not give its shard key");
    }

    @Test
    void insertsSplitRowsPerNode() throws SQLException {
        String sql = "INSERT INTO orders (id, customer_id, note) VALUES (?, ?, 'a'), (?, 5, NOW()), (?, ?, ?)";
        StatementPlan plan = p4.plan(sql);
        long[] keys = {1, 5, 2};
        Route r = plan.route(params(10, keys[0], 11, 12, keys[2], "z"));
        int rowsSeen = 0;
        for (NodeStatement s : r.statements()) {
            assertThat(s.params()).isNotNull();
            assertThat(s.sql()).startsWith("INSERT INTO orders (id, customer_id, note) VALUES (");
            rowsSeen += s.sql().split("\\), \\(").length;
            assertThat(s.sql().chars().filter(c -> c == '?').count()).isEqualTo(s.params().length);
        }
        assertThat(rowsSeen).isEqualTo(3);
        Route single = p4.plan("INSERT INTO orders (id, customer_id) VALUES (?, ?)").route(params(1, 77L));
        assertThat(single.statements().get(0).params()).isNull();
        assertThat(single.keyValue(params(1, 77L))).isEqualTo(77L);
    }

    @Test
    void insertsThatCannotBeRoutedAreRefused() {
        assertThatThrownBy(() -> p2.plan("INSERT INTO orders VALUES (1, 2)")).hasMessageContaining("list its columns");
        assertThatThrownBy(() -> p2.plan("INSERT INTO orders (id) VALUES (1)")).hasMessageContaining("shard key");
        assertThatThrownBy(() -> p2.plan("INSERT INTO orders (id, customer_id) VALUES (1, 2 + 3)"))
                .hasMessageContaining("literal or a ? placeholder");
        assertThatThrownBy(() -> p2.plan("INSERT INTO orders (id, customer_id) SELECT id, customer_id FROM accounts"))
                .hasMessageContaining("sharded table");
    }

    @Test
    void plainAndReferenceTables() throws SQLException {
        assertThat(nodes(p4.plan("SELECT * FROM settings").route(ParameterSource.NONE))).containsExactly("n1");
        assertThat(nodes(p4.plan("UPDATE settings SET v = 1").route(ParameterSource.NONE))).containsExactly("n1");
        assertThat(nodes(p4.plan("SELECT * FROM countries").route(ParameterSource.NONE))).containsExactly("n1");
        assertThat(nodes(p4.plan("INSERT INTO countries (code) VALUES ('ch')").route(ParameterSource.NONE)))
                .containsExactly("n1", "n2", "n3", "n4");
        assertThat(nodes(p4.plan("DELETE FROM countries WHERE code = ?").route(params("ch"))))
                .containsExactly("n1", "n2", "n3", "n4");
        assertThat(nodes(p4.plan("SELECT 1").route(ParameterSource.NONE))).containsExactly("n1");
    }

    @Test
    void joinsInOneGroupOnTheKeyGoToOneNode() throws SQLException {
        String sql = "SELECT * FROM orders o JOIN order_items i ON i.customer_id = o.customer_id"
                + " JOIN countries c ON c.code = o.country WHERE o.customer_id = ?";
        Route r = p2.plan(sql).route(params(42L));
        assertThat(nodes(r)).containsExactly(ownerOf("customers", 42L));
        Route scatter = p2.plan("SELECT o.id FROM orders o, order_items i WHERE i.customer_id = o.customer_id")
                .route(ParameterSource.NONE);
        assertThat(nodes(scatter)).containsExactly("n1", "n2");
        Route using = p2.plan("SELECT * FROM orders JOIN order_items USING (customer_id) WHERE customer_id = 3")
                .route(ParameterSource.NONE);
        assertThat(nodes(using)).containsExactly(ownerOf("customers", 3L));
    }

    @Test
    void joinsAcrossGroupsNeedKeysOnOneNode() throws SQLException {
        String sql = "SELECT * FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.customer_id = ? AND a.id = ?";
        StatementPlan plan = p2.plan(sql);
        // find keys that land on the same node and on different nodes
        Topology t = live2.current();
        long same = -1;
        long other = -1;
        String target = ownerOf("customers", 1L);
        for (long k = 0; k < 100 && (same < 0 || other < 0); k++) {
            String n = t.shardFor("accounts", KeyPoints.hashPoint(k)).node();
            if (n.equals(target) && same < 0) {
                same = k;
            } else if (!n.equals(target) && other < 0) {
                other = k;
            }
        }
        assertThat(nodes(plan.route(params(1L, same)))).containsExactly(target);
        long otherKey = other;
        assertThatThrownBy(() -> plan.route(params(1L, otherKey))).isInstanceOf(SQLException.class)
                .hasMessageContaining("orders").hasMessageContaining("accounts").hasMessageContaining("shardwise node=");
        assertThatThrownBy(() -> p2.plan("SELECT * FROM orders o JOIN accounts a ON a.id = o.account_id"))
                .isInstanceOf(SQLException.class).hasMessageContaining("group customers")
                .hasMessageContaining("group accounts");
        assertThatThrownBy(() -> p2.plan("SELECT * FROM orders o JOIN settings s ON s.k = o.status"))
                .hasMessageContaining("plain table(s) settings");
        assertThatThrownBy(() -> p2.plan("SELECT * FROM orders o JOIN order_items i ON i.order_id = o.id"))
                .hasMessageContaining("not co-located");
    }

    @Test
    void aShardedTableMeetsAPlainTableOnlyOnTheDefaultNode() throws SQLException {
        StatementPlan plan = p2.plan("SELECT * FROM orders o JOIN settings s ON s.k = o.status WHERE o.customer_id = ?");
        long onDefault = -1;
        long elsewhere = -1;
        for (long k = 0; k < 100 && (onDefault < 0 || elsewhere < 0); k++) {
            if (ownerOf("customers", k).equals("n1")) {
                onDefault = onDefault < 0 ? k : onDefault;
            } else {
                elsewhere = elsewhere < 0 ? k : elsewhere;
            }
        }
        long keyOnDefault = onDefault;
        assertThat(nodes(plan.route(params(keyOnDefault)))).containsExactly("n1");
        long keyElsewhere = elsewhere;
        assertThatThrownBy(() -> plan.route(params(keyElsewhere))).isInstanceOf(SQLException.class)
                .hasMessageContaining("plain tables live on the default node n1");
    }

    @Test
    void pinnedHotKeysRouteToTheirOwnShard() throws SQLException {
        long hot = 4242L;
        String owner = ownerOf("customers", hot);
        String other = owner.equals("n1") ? "n2" : "n1";
        long point = KeyPoints.hashPoint(hot);
        live2.update(t -> t.pin("customers", new long[] {point}, other));
        StatementPlan p = p2.plan("SELECT * FROM orders WHERE customer_id = ?");
        assertThat(p.route(params(hot)).node()).isEqualTo(other);
        assertThat(nodes(p2.plan("SELECT * FROM orders WHERE customer_id IN (?, ?)").route(params(hot, hot))))
                .containsExactly(other);
    }

    @Test
    void subqueriesRouteOnlyWhenProvablySafe() throws SQLException {
        Route correlated = p2.plan("SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM order_items i"
                + " WHERE i.customer_id = o.customer_id AND i.qty > 1)").route(ParameterSource.NONE);
        assertThat(nodes(correlated)).containsExactly("n1", "n2");
        Route in = p2.plan("SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM order_items"
                + " WHERE qty > 1) AND customer_id = ?").route(params(5L));
        assertThat(nodes(in)).containsExactly(ownerOf("customers", 5L));
        Route pinnedBoth = p2.plan("SELECT * FROM orders WHERE customer_id = ? AND total > (SELECT AVG(total)"
                + " FROM orders WHERE customer_id = ?)").route(params(5L, 5L));
        assertThat(nodes(pinnedBoth)).containsExactly(ownerOf("customers", 5L));
        assertThatThrownBy(() -> p2.plan("SELECT * FROM orders WHERE total > (SELECT AVG(total) FROM orders)"))
                .hasMessageContaining("not co-located");
        assertThatThrownBy(() -> p2.plan("SELECT * FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i"
                + " WHERE i.customer_id = ?)")).isInstanceOf(SQLException.class);
        Route ref = p2.plan("SELECT * FROM orders WHERE country IN (SELECT code FROM countries)")
                .route(ParameterSource.NONE);
        assertThat(nodes(ref)).containsExactly("n1", "n2");
    }

    @Test
    void ddlRunsWhereTheTableLives() throws SQLException {
        assertThat(nodes(p4.plan("CREATE TABLE orders (id INT PRIMARY KEY, customer_id BIGINT)")
                .route(ParameterSource.NONE))).containsExactly("n1", "n2", "n3", "n4");
        assertThat(nodes(p4.plan("CREATE TABLE IF NOT EXISTS settings (k INT)").route(ParameterSource.NONE)))
                .containsExactly("n1");
        assertThat(nodes(p4.plan("DROP TABLE IF EXISTS public.countries").route(ParameterSource.NONE)))
                .containsExactly("n1", "n2", "n3", "n4");
        assertThat(nodes(p4.plan("CREATE UNIQUE INDEX ix ON order_items (id)").route(ParameterSource.NONE)))
                .containsExactly("n1", "n2", "n3", "n4");
        assertThat(nodes(p4.plan("ALTER TABLE settings ADD COLUMN x INT").route(ParameterSource.NONE)))
                .containsExactly("n1");
        assertThat(nodes(p4.plan("TRUNCATE TABLE \"orders\"").route(ParameterSource.NONE))).hasSize(4);
        assertThat(p4.plan("DROP TABLE orders").kind()).isEqualTo(StatementKind.DDL);
    }

    @Test
    void hintForcesANode() throws SQLException {
        Route r = p4.plan("/*+ shardwise node=n3 */ SELECT * FROM orders o JOIN accounts a ON a.id = o.x")
                .route(ParameterSource.NONE);
        assertThat(nodes(r)).containsExactly("n3");
        assertThatThrownBy(() -> p4.plan("/*+ shardwise node=n9 */ SELECT 1")).hasMessageContaining("n9");
        assertThatThrownBy(() -> p4.plan("/*+ shardwise nod=n1 */ SELECT 1")).isInstanceOf(SQLSyntaxErrorException.class);
    }

    @Test
    void syntaxErrorsCarryThePosition() {
        assertThatThrownBy(() -> p2.plan("SELECT * FROM WHERE"))
                .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("line 1, column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "COMMIT", "ROLLBACK", "SET AUTOCOMMIT TRUE", "SAVEPOINT a"})
    void transactionControlIsRecognised(String sql) throws SQLException {
        assertThat(p2.plan(sql).kind()).isEqualTo(StatementKind.TRANSACTION_CONTROL);
    }
}
