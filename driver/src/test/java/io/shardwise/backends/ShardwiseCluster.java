package io.shardwise.backends;

import io.shardwise.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Shardwise configuration over real backend databases, the way a user writes it: bare {@code jdbc:shardwise:}
 * and every setting in the Properties. Also gives direct connections to each node, to check where rows landed.
 */
final class ShardwiseCluster {
    private final Map<String, TestDatabase> nodes = new LinkedHashMap<>();
    private final Properties props = new Properties();

    ShardwiseCluster(String dialect, List<TestDatabase> databases) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < databases.size(); i++) {
            TestDatabase db = databases.get(i);
            String id = (dialect.equals("postgresql") ? "pg" : "my") + (i + 1);
            ids.add(id);
            nodes.put(id, db);
            props.setProperty("node." + id + ".url", db.url());
            props.setProperty("node." + id + ".user", db.user());
            if (db.password() != null) {
                props.setProperty("node." + id + ".password", db.password());
            }
        }
        props.setProperty("nodes", String.join(",", ids));
        props.setProperty("sql.dialect", dialect);
    }

    /** A sharded table in group {@code group}. */
    ShardwiseCluster table(String table, String shardKey, String group) {
        props.setProperty("table." + table + ".shard-key", shardKey);
        props.setProperty("table." + table + ".group", group);
        return this;
    }

    ShardwiseCluster group(String group, String strategy, int shards) {
        props.setProperty("group." + group + ".strategy", strategy);
        props.setProperty("group." + group + ".shards", Integer.toString(shards));
        return this;
    }

    ShardwiseCluster set(String key, String value) {
        props.setProperty(key, value);
        return this;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:shardwise:", props);
    }

    List<String> nodeIds() {
        return new ArrayList<>(nodes.keySet());
    }

    TestDatabase node(String id) {
        return nodes.get(id);
    }

    /** A single long value straight from one node, bypassing Shardwise. */
    long directLong(String node, String sql) throws SQLException {
        try (Connection c = nodes.get(node).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The sum of a single long value over every node, bypassing Shardwise. */
    long directSum(String sql) throws SQLException {
        long sum = 0;
        for (String id : nodes.keySet()) {
            sum += directLong(id, sql);
        }
        return sum;
    }

    /** Rows of a query on every node, bypassing Shardwise, as lists of strings. */
    List<List<String>> directRows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        for (String id : nodes.keySet()) {
            rows.addAll(Rows.of(nodes.get(id), sql));
        }
        return rows;
    }
}
