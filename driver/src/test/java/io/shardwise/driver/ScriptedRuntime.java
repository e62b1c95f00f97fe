package io.shardwise.driver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardwise.ShardInfo;
import io.shardwise.driver.runtime.ClusterRuntime;
import io.shardwise.driver.runtime.RuntimeHandle;
import io.shardwise.driver.runtime.TestHandles;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.plan.MergeSpec;
import io.shardwise.router.plan.NodeStatement;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementKind;
import io.shardwise.router.plan.StatementPlan;
import io.shardwise.router.sql.SqlDialectKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A cluster runtime for testing the JDBC surface on its own: real H2 in-memory nodes behind HikariCP pools, and
 * plans the test scripts per SQL text (which node(s) a statement goes to, as a function of its parameters). The
 * routing logic itself is the router's and is tested there; here we test what the driver does with a route.
 */
public final class ScriptedRuntime implements ClusterRuntime {
    private final List<String> nodeIds = new ArrayList<>();
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, StatementPlan> plans = new ConcurrentHashMap<>();
    private final ClusterSpec spec;
    public final AtomicInteger recorded = new AtomicInteger();

    public ScriptedRuntime(int nodes) {
        List<NodeSpec> specs = new ArrayList<>();
        String prefix = "sw" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= nodes; i++) {
            String id = "n" + i;
            String url = "jdbc:h2:mem:" + prefix + id + ";DB_CLOSE_DELAY=-1";
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(url);
            cfg.setUsername("sa");
            cfg.setMaximumPoolSize(4);
            cfg.setPoolName("test-" + id);
            pools.put(id, new HikariDataSource(cfg));
            urls.put(id, url);
            nodeIds.add(id);
            specs.add(new NodeSpec(id, url, "sa", "", new Properties()));
        }
        spec = new ClusterSpec(specs, Map.of(), Map.of(), Set.of(), "n1", null, SqlDialectKind.H2);
    }

    public RuntimeHandle handle() {
        return TestHandles.of(this, "jdbc:shardwise:");
    }

    public List<String> nodeIds() {
        return nodeIds;
    }

    /** The node's database, straight (not through Shardwise), for checking where rows landed. */
    public Connection direct(String node) throws SQLException {
        return pools.get(node).getConnection();
    }

    public long count(String node, String table) throws SQLException {
        try (Connection c = direct(node); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs SQL on every node directly (test setup). */
    public void onEveryNode(String sql) throws SQLException {
        for (String n : nodeIds) {
            try (Connection c = direct(n); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** Scripts a statement: {@code nodesFor} picks the node(s) from the bound parameters; app SQL sent as is. */
    public ScriptedRuntime on(String sql, StatementKind kind, int parameterCount,
            Function<ParameterSource, List<String>> nodesFor) {
        return on(sql, kind, parameterCount, nodesFor, null);
    }

    public ScriptedRuntime on(String sql, StatementKind kind, int parameterCount,
            Function<ParameterSource, List<String>> nodesFor, MergeSpec merge) {
        plans.put(sql, new StatementPlan() {
            @Override
            public StatementKind kind() {
                return kind;
            }

            @Override
            public String sql() {
                return sql;
            }

            @Override
            public int parameterCount() {
                return parameterCount;
            }

            @Override
            public Route route(ParameterSource params) {
                List<NodeStatement> out = new ArrayList<>();
                for (String node : nodesFor.apply(params)) {
                    out.add(new NodeStatement(node, sql, null));
                }
                return new Route(out, out.size() > 1 ? merge : null, kind.isQuery(), kind.isWrite());
            }
        });
        return this;
    }

    /** Scripts a statement whose route is given whole (e.g. rewritten SQL with its own parameters). */
    public ScriptedRuntime onRoute(String sql, StatementKind kind, int parameterCount,
            Function<ParameterSource, Route> route) {
        plans.put(sql, new StatementPlan() {
            @Override
            public StatementKind kind() {
                return kind;
            }

            @Override
            public String sql() {
                return sql;
            }

            @Override
            public int parameterCount() {
                return parameterCount;
            }

            @Override
            public Route route(ParameterSource params) {
                return route.apply(params);
            }
        });
        return this;
    }

    /** Node by key modulo node count: the scripted stand-in for a topology lookup. */
    public String owner(long key) {
        return nodeIds.get((int) Math.floorMod(key, (long) nodeIds.size()));
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public StatementPlan plan(String sql) throws SQLException {
        StatementPlan p = plans.get(sql);
        if (p == null) {
            throw new SQLSyntaxErrorException("test runtime has no script for: " + sql);
        }
        return p;
    }

    /** Nodes whose physical connections fail on commit: to test what a partial commit reports. */
    public final Set<String> failCommitOn = ConcurrentHashMap.newKeySet();

    @Override
    public DataSource node(String nodeId) {
        HikariDataSource pool = pools.get(nodeId);
        if (pool == null || failCommitOn.isEmpty()) {
            return pool;
        }
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object r = invoke(method, pool, args);
                    if (r instanceof Connection c) {
                        return failingCommit(nodeId, c);
                    }
                    return r;
                });
    }

    private Connection failingCommit(String nodeId, Connection c) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit") && failCommitOn.contains(nodeId)) {
                        throw new SQLException("simulated commit failure on " + nodeId, "40001");
                    }
                    return invoke(method, c, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void recordExecution(Route route, ParameterSource params, long nanos) {
        recorded.incrementAndGet();
    }

    @Override
    public List<ShardInfo> shards() {
        List<ShardInfo> out = new ArrayList<>();
        for (int i = 0; i < nodeIds.size(); i++) {
            out.add(new ShardInfo("kv", i, "key mod " + nodeIds.size() + " = " + i, nodeIds.get(i), "STABLE", 1));
        }
        return out;
    }

    @Override
    public void close() {
        for (String url : urls.values()) {
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
        }
        pools.values().forEach(HikariDataSource::close);
    }
}
