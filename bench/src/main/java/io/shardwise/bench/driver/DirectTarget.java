package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The baseline: plain H2 JDBC to ONE in-memory node holding all rows. */
final class DirectTarget implements Target {

    static final String NAME = "direct";

    private final String url;
    private final Connection connection;

    private DirectTarget(String url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    static DirectTarget start(BenchConfig config) throws SQLException {
        String url = BenchData.h2Url("bench_direct");
        BenchData.createSchema(url);
        Connection c = DriverManager.getConnection(url, BenchData.H2_USER, BenchData.H2_PASSWORD);
        BenchData.load(c, config.rows());
        return new DirectTarget(url, c);
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
        return List.of(url);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
