package io.shardwise.endtoend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** N fresh H2 in-memory databases and the Shardwise settings that name them. */
final class H2Cluster implements AutoCloseable {
    final List<String> urls = new ArrayList<>();
    final Properties settings = new Properties();

    H2Cluster(int nodes) {
        String prefix = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            String url = "jdbc:h2:mem:" + prefix + "n" + i + ";DB_CLOSE_DELAY=-1";
            urls.add(url);
            ids.add("n" + i);
            settings.setProperty("node.n" + i + ".url", url);
        }
        settings.setProperty("nodes", String.join(",", ids));
        settings.setProperty("user", "sa");
        settings.setProperty("password", "");
    }

    H2Cluster with(String key, String value) {
        settings.setProperty(key, value);
        return this;
    }

    /** A direct connection to node i (1-based), bypassing Shardwise. */
    Connection direct(int node) throws SQLException {
        return DriverManager.getConnection(urls.get(node - 1), "sa", "");
    }

    long count(int node, String table) throws SQLException {
        return scalar(node, "SELECT COUNT(*) FROM " + table);
    }

    long scalar(int node, String sql) throws SQLException {
        try (Connection c = direct(node); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<Long> ids(int node, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = direct(node); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (String url : urls) {
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }
}
