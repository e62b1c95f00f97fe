package io.shardwise.bench.driver;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Apache ShardingSphere-JDBC 5.5.2 over two H2 in-memory nodes, sharded on the same key as Shardwise: database
 * sharding over the two nodes with its INLINE algorithm {@code ds_${id % 2}}, one physical table per node, as in
 * Shardwise's layout. It runs in a {@link PeerClassLoader} built from the classpath file that the bench-peer module
 * writes; it is configured through its public YAML factory, so this class compiles without it.
 */
final class ShardingSphereTarget implements Target {

    static final String NAME = "shardingsphere";
    /** System property naming the file with the peer's classpath (written by bench-peer, set by the bench profile). */
    static final String CLASSPATH_PROPERTY = "bench.peer.classpath";
    private static final String FACTORY = "org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory";

    private final PeerClassLoader loader;
    private final DataSource dataSource;
    private final Connection connection;
    private final List<String> nodeUrls;

    private ShardingSphereTarget(PeerClassLoader loader, DataSource dataSource, Connection connection,
                                 List<String> nodeUrls) {
        this.loader = loader;
        this.dataSource = dataSource;
        this.connection = connection;
        this.nodeUrls = nodeUrls;
    }

    static ShardingSphereTarget start(BenchConfig config) throws Exception {
        PeerClassLoader loader = new PeerClassLoader(peerJars(), ShardingSphereTarget.class.getClassLoader());
        List<String> urls = List.of(BenchData.h2Url("bench_ss_n1"), BenchData.h2Url("bench_ss_n2"));
        for (String url : urls) {
            BenchData.createSchema(url);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            DataSource ds = (DataSource) Class.forName(FACTORY, true, loader)
                    .getMethod("createDataSource", byte[].class)
                    .invoke(null, (Object) yaml(urls).getBytes(StandardCharsets.UTF_8));
            Connection c = ds.getConnection();
            BenchData.load(c, config.rows());
            return new ShardingSphereTarget(loader, ds, c, urls);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] peerJars() throws IOException {
        String file = System.getProperty(CLASSPATH_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("system property " + CLASSPATH_PROPERTY + " is not set: run the benchmark"
                    + " with 'mvn -Pbench -pl bench -am verify', which resolves the peer's classpath (bench-peer)");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("peer classpath file " + path + " does not exist: build it with"
                    + " 'mvn -Pbench -pl bench -am verify' (module bench-peer)");
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : Files.readString(path).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(toUrl(entry.trim()));
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad peer classpath entry " + entry, e);
        }
    }

    /** Same tables, same key, same number of shards and nodes as {@link ShardwiseTarget#properties}. */
    static String yaml(List<String> nodeUrls) {
        StringBuilder y = new StringBuilder();
        y.append("databaseName: bench\n");
        y.append("mode:\n  type: Standalone\n  repository:\n    type: JDBC\n");
        y.append("dataSources:\n");
        for (int i = 0; i < nodeUrls.size(); i++) {
            y.append("  ds_").append(i).append(":\n")
                    .append("    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n")
                    .append("    driverClassName: org.h2.Driver\n")
                    .append("    jdbcUrl: ").append(nodeUrls.get(i)).append('\n')
                    .append("    username: ").append(BenchData.H2_USER).append('\n')
                    .append("    password: ''\n")
                    .append("    maximumPoolSize: 4\n");
        }
        y.append("rules:\n- !SHARDING\n  tables:\n");
        for (String table : List.of(BenchData.TABLE, BenchData.INSERT_TABLE)) {
            y.append("    ").append(table).append(":\n")
                    .append("      actualDataNodes: ds_${0..").append(nodeUrls.size() - 1).append("}.")
                    .append(table).append('\n')
                    .append("      databaseStrategy:\n        standard:\n          shardingColumn: id\n")
                    .append("          shardingAlgorithmName: id_inline\n");
        }
        y.append("  bindingTables:\n    - ").append(BenchData.TABLE).append(',').append(BenchData.INSERT_TABLE)
                .append('\n');
        // INLINE, not HASH_MOD: ShardingSphere accepts its auto algorithms (HASH_MOD, MOD) only on "autoTables",
        // which also split the table into renamed physical tables (bench_t_0, bench_t_1). INLINE keeps the layout
        // Shardwise has (one bench_t per node). For the benchmark's ids (0 .. 2^31) id % 2 is exactly HASH_MOD's
        // hashCode() % 2. Range predicates on an INLINE key must be allowed explicitly (they go to every node).
        y.append("  shardingAlgorithms:\n    id_inline:\n      type: INLINE\n      props:\n")
                .append("        algorithm-expression: ds_${id % ").append(nodeUrls.size()).append("}\n")
                .append("        allow-range-query-with-inline-sharding: true\n");
        y.append("props:\n  sql-show: false\n");
        return y.toString();
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
    public ClassLoader contextClassLoader() {
        return loader;
    }

    @Override
    public void close() throws SQLException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            connection.close();
            if (dataSource instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("closing ShardingSphere failed", e);
        } finally {
            thread.setContextClassLoader(previous);
            try {
                loader.close();
            } catch (IOException ignored) {
                // Best effort at the end of the run: the JVM exits right after.
            }
        }
    }
}
