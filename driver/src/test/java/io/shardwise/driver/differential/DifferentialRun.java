package io.shardwise.driver.differential;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Runs one seeded workload against a reference (one plain H2 database) and a target, statement by statement, and
 * stops at the first answer that differs, naming the seed, the operation number and the SQL so that the failure can
 * be replayed with {@code -Dshardwise.differential.seed=...}.
 */
final class DifferentialRun {

    static final String SEED_PROPERTY = "shardwise.differential.seed";
    static final String OPERATIONS_PROPERTY = "shardwise.differential.operations";
    static final long DEFAULT_SEED = 20261124L;
    static final int DEFAULT_OPERATIONS = 10_000;
    static final int INITIAL_ROWS_PER_TABLE = 400;

    final long seed;
    final int operations;
    Workload.Mix mix = Workload.Mix.ALL;
    int reads;
    int writes;
    long rowsCompared;
    long referenceNanos;
    long targetNanos;

    DifferentialRun(long seed, int operations) {
        this.seed = seed;
        this.operations = operations;
    }

    static DifferentialRun fromSystemProperties() {
        String seed = System.getProperty(SEED_PROPERTY);
        String ops = System.getProperty(OPERATIONS_PROPERTY);
        long s = seed == null || seed.isBlank() ? DEFAULT_SEED
                : seed.equals("random") ? System.nanoTime() : Long.parseLong(seed.trim());
        int n = ops == null || ops.isBlank() ? DEFAULT_OPERATIONS : Integer.parseInt(ops.trim());
        return new DifferentialRun(s, n);
    }

    /** A plain H2 database with the workload's tables: the answer key. */
    static Target reference(String runId) throws SQLException {
        return reference(new JdbcTarget("plain H2",
                DriverManager.getConnection("jdbc:h2:mem:" + runId + "-reference")));
    }

    /** The answer key: one database with the workload's tables. */
    static Target reference(JdbcTarget database) throws SQLException {
        for (String t : Schema.TABLES) {
            database.execute(Schema.createTable(t));
        }
        return database;
    }

    void run(Target reference, Target target) throws SQLException {
        Workload workload = new Workload(seed, mix);
        List<Operation> load = workload.initialLoad(INITIAL_ROWS_PER_TABLE);
        for (int i = 0; i < load.size(); i++) {
            compare(-load.size() + i, load.get(i), reference, target);
        }
        for (int i = 1; i <= operations; i++) {
            compare(i, workload.next(), reference, target);
        }
    }

    private void compare(int number, Operation op, Target reference, Target target) throws SQLException {
        Outcome expected;
        long t0 = System.nanoTime();
        try {
            expected = reference.run(op);
            referenceNanos += System.nanoTime() - t0;
        } catch (SQLException e) {
            throw new AssertionError(failure(number, op, target) + "\nthe reference database refused it"
                    + " (a generator bug): " + e, e);
        }
        Outcome actual;
        long t1 = System.nanoTime();
        try {
            actual = target.run(op);
            targetNanos += System.nanoTime() - t1;
        } catch (SQLException | RuntimeException e) {
            throw new AssertionError(failure(number, op, target) + "\nexpected: " + expected.describe()
                    + "\nbut " + target.name() + " failed: " + e, e);
        }
        if (op instanceof Operation.Query q) {
            reads++;
            rowsCompared += expected.rows().size();
            if (!q.ordered()) {
                expected = expected.sorted();
                actual = actual.sorted();
            }
        } else {
            writes++;
        }
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(failure(number, op, target) + "\nexpected: " + expected.describe()
                    + "\nactual:   " + actual.describe());
        }
    }

    private String failure(int number, Operation op, Target target) {
        String nodeSql = op instanceof Operation.Query q && !q.nodeSql().equals(q.sql())
                ? "\nnode SQL (manual sharding): " + q.nodeSql() : "";
        return "differential mismatch on " + target.name() + ": seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed
                + "), operation " + number + (number <= 0 ? " (initial load)" : "") + " of " + operations
                + "\nSQL: " + op.sql() + nodeSql + (op.prepared() == null ? "\n(plain Statement)"
                : "\nrun as PreparedStatement: " + op.prepared().sql() + " with "
                + java.util.Arrays.toString(op.prepared().params()));
    }

    String summary(String target, long millis) {
        return target + ": seed " + seed + ", " + operations + " operations, mix " + mix + " (" + reads + " reads, " + writes
                + " writes incl. initial load), " + rowsCompared + " rows compared, " + millis + " ms (reference "
                + referenceNanos / 1_000_000 + " ms, target " + targetNanos / 1_000_000 + " ms)";
    }
}
