package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory H2 databases as nodes, with direct JDBC access for the tests' independent checks. */
final class H2Nodes implements NodeConnections, AutoCloseable {
    private final String prefix = "mig" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<Connection> keepAlive = new ArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> opens = new ConcurrentHashMap<>();

    H2Nodes(String... names) throws SQLException {
        for (String n : names) {
            keepAlive.add(DriverManager.getConnection(url(n)));
        }
    }

    String url(String node) {
        return "jdbc:h2:mem:" + prefix + "_" + node + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    @Override
    public Connection open(String node) throws SQLException {
        if (failing.contains(node)) {
            throw new SQLException("injected: node " + node + " is unreachable", "08001");
        }
        opens.merge(node, 1, Integer::sum);
        return DriverManager.getConnection(url(node));
    }

    void exec(String node, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(node)); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    long count(String node, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(node)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of a query as strings, sorted: an oracle independent of the engine's own readers. */
    List<String> rows(String node, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(node)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : keepAlive) {
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already closed
            }
        }
    }
}
