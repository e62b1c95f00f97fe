package io.shardwise.driver.differential;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The whole path: the {@code jdbc:shardwise:} driver over H2 in-memory nodes, configured only through the
 * {@code Properties} given to {@link DriverManager#getConnection}, the way an application would. The accounts table
 * is in a hash group, the events table in a range group; both have 8 shards spread over the nodes.
 */
final class ShardwiseTarget implements Target {

    private final List<Connection> keepAlive = new ArrayList<>();
    private final JdbcTarget jdbc;

    ShardwiseTarget(String runId, int nodeCount) throws SQLException {
        this(h2Nodes(runId, nodeCount));
    }

    /** A node: its JDBC URL and credentials (null for none). */
    record Node(String url, String user, String password) {
        Connection connect() throws SQLException {
            return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        }
    }

    private static List<Node> h2Nodes(String runId, int nodeCount) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new Node("jdbc:h2:mem:" + runId + "-shardwise-n" + i, null, null));
        }
        return nodes;
    }

    ShardwiseTarget(List<Node> nodes) throws SQLException {
        int nodeCount = nodes.size();
        Properties config = new Properties();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            String name = "n" + i;
            names.add(name);
            Node node = nodes.get(i - 1);
            config.setProperty("node." + name + ".url", node.url());
            if (node.user() != null) {
                config.setProperty("node." + name + ".user", node.user());
            }
            if (node.password() != null) {
                config.setProperty("node." + name + ".password", node.password());
            }
            // The driver checks at connect time that the shard-key columns exist, so the tables come first; this
            // connection also keeps an in-memory database alive for the whole run.
            Connection c = node.connect();
            try (Statement st = c.createStatement()) {
                for (String t : Schema.TABLES) {
                    st.execute(Schema.createTable(t));
                }
            }
            keepAlive.add(c);
        }
        config.setProperty("nodes", String.join(",", names));
        config.setProperty("table." + Schema.HASH_TABLE + ".shard-key", "id");
        config.setProperty("group." + Schema.HASH_TABLE + ".strategy", "hash");
        config.setProperty("group." + Schema.HASH_TABLE + ".shards", Integer.toString(Schema.HASH_SHARDS));
        config.setProperty("table." + Schema.RANGE_TABLE + ".shard-key", "id");
        config.setProperty("group." + Schema.RANGE_TABLE + ".strategy", "range");
        config.setProperty("group." + Schema.RANGE_TABLE + ".split-points", Schema.splitPoints());
        String product = keepAlive.get(0).getMetaData().getDatabaseProductName();
        this.jdbc = new JdbcTarget("the Shardwise driver over " + nodeCount + " " + product + " nodes",
                DriverManager.getConnection("jdbc:shardwise:", config));
    }

    @Override
    public String name() {
        return jdbc.name();
    }

    @Override
    public Outcome run(Operation op) throws SQLException {
        return jdbc.run(op);
    }

    @Override
    public void close() throws SQLException {
        try {
            jdbc.close();
        } finally {
            for (Connection c : keepAlive) {
                c.close();
            }
        }
    }
}
