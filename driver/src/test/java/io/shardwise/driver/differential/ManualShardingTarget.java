package io.shardwise.driver.differential;

import io.shardwise.driver.merge.ResultSetMerger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The test's own, deliberately simple sharding over H2 nodes: it routes by the keys each generated operation names,
 * sends the node SQL the generator wrote, and merges with {@link ResultSetMerger}. It checks the merge on its own,
 * independent of the router's parsing and rewriting; the driver target checks the whole path.
 */
final class ManualShardingTarget implements Target {

    private final List<Connection> nodes = new ArrayList<>();

    ManualShardingTarget(String runId, int nodeCount) throws SQLException {
        for (int i = 0; i < nodeCount; i++) {
            Connection c = DriverManager.getConnection("jdbc:h2:mem:" + runId + "-manual-n" + i);
            try (Statement st = c.createStatement()) {
                for (String t : Schema.TABLES) {
                    st.execute(Schema.createTable(t));
                }
            }
            nodes.add(c);
        }
    }

    @Override
    public String name() {
        return "manual sharding over " + nodes.size() + " nodes";
    }

    /** Hash group: a key's shard by a mixing hash; range group: by the equal split points. Shard s is on node s % n. */
    int nodeOf(String table, long key) {
        int shard;
        if (table.equals(Schema.HASH_TABLE)) {
            long h = key * 0x9E3779B97F4A7C15L;
            shard = (int) Math.floorMod(h ^ (h >>> 29), (long) Schema.HASH_SHARDS);
        } else {
            shard = (int) Math.min(Schema.RANGE_SHARDS - 1, key / (Schema.KEY_SPACE / Schema.RANGE_SHARDS));
        }
        return shard % nodes.size();
    }

    private List<Integer> targets(String table, long[] keys) {
        List<Integer> all = new ArrayList<>();
        if (keys == null) {
            for (int i = 0; i < nodes.size(); i++) {
                all.add(i);
            }
            return all;
        }
        TreeSet<Integer> owners = new TreeSet<>();
        for (long k : keys) {
            owners.add(nodeOf(table, k));
        }
        all.addAll(owners);
        return all;
    }

    @Override
    public Outcome run(Operation op) throws SQLException {
        if (op instanceof Operation.Insert insert) {
            return Outcome.updated(insert(insert));
        }
        if (op instanceof Operation.Write w) {
            long total = 0;
            for (int n : targets(w.table(), w.keys())) {
                try (Statement st = nodes.get(n).createStatement()) {
                    total += st.executeUpdate(w.sql());
                }
            }
            return Outcome.updated(total);
        }
        Operation.Query q = (Operation.Query) op;
        List<Statement> statements = new ArrayList<>();
        List<ResultSet> parts = new ArrayList<>();
        for (int n : targets(q.table(), q.keys())) {
            Statement st = nodes.get(n).createStatement();
            statements.add(st);
            parts.add(st.executeQuery(q.nodeSql()));
        }
        ResultSet merged = ResultSetMerger.merge(parts, q.merge(), null, () -> {
            for (Statement st : statements) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // closing a finished in-memory statement cannot lose anything
                }
            }
        });
        return Outcome.read(merged);
    }

    private long insert(Operation.Insert insert) throws SQLException {
        List<StringJoiner> perNode = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            perNode.add(new StringJoiner(", "));
        }
        for (Object[] row : insert.rows()) {
            StringJoiner tuple = new StringJoiner(", ", "(", ")");
            for (Object v : row) {
                tuple.add(Schema.literal(v));
            }
            perNode.get(nodeOf(insert.table(), (Long) row[0])).add(tuple.toString());
        }
        long total = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (perNode.get(i).length() == 0) {
                continue;
            }
            try (Statement st = nodes.get(i).createStatement()) {
                total += st.executeUpdate("INSERT INTO " + insert.table() + " (" + String.join(", ", Schema.COLUMNS)
                        + ") VALUES " + perNode.get(i));
            }
        }
        return total;
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : nodes) {
            c.close();
        }
    }
}
