package io.shardwise.router;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.plan.Planner;
import io.shardwise.router.plan.RoutingContext;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.InMemoryTopologyStore;
import io.shardwise.router.topology.LiveTopology;
import io.shardwise.router.topology.ShardingStrategy;
import io.shardwise.router.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Cluster specs for tests: {@code orders} and {@code order_items} in group {@code customers} (hash on
 * customer_id, 8 shards), {@code events} in group {@code events} (range on id, split at 100 and 200),
 * {@code accounts} in its own hash group, reference table {@code countries}, everything else plain.
 */
public final class TestClusters {
    private TestClusters() {
    }

    public static ClusterSpec spec(int nodes, Path metadataDir, String urlPrefix) {
        List<NodeSpec> ns = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            ns.add(new NodeSpec("n" + i, urlPrefix + i, "sa", "", new Properties()));
        }
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        tables.put("orders", new TableSpec("orders", "customer_id", "customers"));
        tables.put("order_items", new TableSpec("order_items", "customer_id", "customers"));
        tables.put("events", new TableSpec("events", "id", "events"));
        tables.put("accounts", new TableSpec("accounts", "id", "accounts"));
        Map<String, GroupSpec> groups = new LinkedHashMap<>();
        groups.put("customers", new GroupSpec("customers", ShardingStrategy.HASH, 8, List.of()));
        groups.put("events", new GroupSpec("events", ShardingStrategy.RANGE, 3, List.of(100L, 200L)));
        groups.put("accounts", new GroupSpec("accounts", ShardingStrategy.HASH, 4, List.of()));
        return new ClusterSpec(ns, tables, groups, Set.of("countries"), "n1", metadataDir, SqlDialectKind.H2);
    }

    public static ClusterSpec spec(int nodes) {
        return spec(nodes, null, "jdbc:h2:mem:unused");
    }

    /** A planner over an in-memory topology: no database needed. */
    public static Planner planner(ClusterSpec spec) {
        LiveTopology live = new LiveTopology(new InMemoryTopologyStore(), Topology.initial(spec));
        return planner(spec, live);
    }

    public static Planner planner(ClusterSpec spec, LiveTopology live) {
        return new Planner(spec, new RoutingContext(live, spec.nodes().stream().map(NodeSpec::id).toList(),
                spec.defaultNode(), spec.dialect()));
    }
}
