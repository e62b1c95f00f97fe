package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The Shardwise driver over two H2 in-memory nodes, configured only through the public contract: the URL
 * {@code jdbc:shardwise:} and Properties.
 */
final class ShardwiseTarget implements Target {

    static final String NAME = "shardwise";
    static final String URL = "jdbc:shardwise:";

    private final List<String> nodeUrls;
    private final Connection connection;

    private ShardwiseTarget(List<String> nodeUrls, Connection connection) {
        this.nodeUrls = nodeUrls;
        this.connection = connection;
    }

    static ShardwiseTarget start(BenchConfig config) throws SQLException {
        List<String> urls = List.of(BenchData.h2Url("bench_sw_n1"), BenchData.h2Url("bench_sw_n2"));
        for (String url : urls) {
            BenchData.createSchema(url);
        }
        Connection c = DriverManager.getConnection(URL, properties(urls, config.shardwiseShards()));
        try {
            BenchData.load(c, config.rows());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new ShardwiseTarget(urls, c);
    }

    static Properties properties(List<String> nodeUrls, int shards) {
        Properties p = new Properties();
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < nodeUrls.size(); i++) {
            String id = "n" + (i + 1);
            nodes.append(i == 0 ? "" : ",").append(id);
            p.setProperty("node." + id + ".url", nodeUrls.get(i));
            p.setProperty("node." + id + ".user", BenchData.H2_USER);
        }
        p.setProperty("nodes", nodes.toString());
        for (String table : List.of(BenchData.TABLE, BenchData.INSERT_TABLE)) {
            p.setProperty("table." + table + ".shard-key", "id");
            p.setProperty("table." + table + ".group", "bench");
        }
        p.setProperty("group.bench.strategy", "hash");
        p.setProperty("group.bench.shards", Integer.toString(shards));
        return p;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public List<String> nodeUrls() {
        return nodeUrls;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
