package io.shardwise.driver.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.ShardwiseConnection;
import io.shardwise.driver.ScriptedRuntime;
import io.shardwise.router.plan.MergeSpec;
import io.shardwise.router.plan.NodeStatement;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementKind;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC surface over real H2 nodes, with routes scripted per statement (see {@link ScriptedRuntime}): where
 * rows land, what comes back, transactions, batches, keys, savepoints, session SQL and admin SQL.
 */
class LogicalConnectionTest {
    static final String INSERT = "INSERT INTO kv (id, v) VALUES (?, ?)";
    static final String SELECT = "SELECT v FROM kv WHERE id = ?";
    static final String UPDATE = "UPDATE kv SET v = ? WHERE id = ?";
    static final String DELETE_ALL = "DELETE FROM kv";
    static final String INSERT_ITEM = "INSERT INTO items (k, v) VALUES (?, ?)";
    static final String TYPES_INSERT = "INSERT INTO typed (id, d, ts, b, s) VALUES (?, ?, ?, ?, ?)";
    static final String TYPES_SELECT = "SELECT d, ts, b, s FROM typed WHERE id = ?";

    ScriptedRuntime runtime;
    LogicalConnection conn;

    @BeforeEach
    void start() throws SQLException {
        runtime = new ScriptedRuntime(2);
        runtime.onEveryNode("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(100))");
        runtime.onEveryNode("CREATE TABLE items (id BIGINT AUTO_INCREMENT PRIMARY KEY, k BIGINT, v VARCHAR(100))");
        runtime.onEveryNode("CREATE TABLE typed (id BIGINT PRIMARY KEY, d DECIMAL(10,2), ts TIMESTAMP, "
                + "b VARBINARY(10), s VARCHAR(10))");
        runtime.on(INSERT, StatementKind.INSERT, 2, p -> List.of(runtime.owner(((Number) p.parameter(1)).longValue())));
        runtime.on(SELECT, StatementKind.QUERY, 1, p -> List.of(runtime.owner(((Number) p.parameter(1)).longValue())));
        runtime.on(UPDATE, StatementKind.UPDATE, 2, p -> List.of(runtime.owner(((Number) p.parameter(2)).longValue())));
        runtime.on(DELETE_ALL, StatementKind.DELETE, 0, p -> runtime.nodeIds());
        runtime.on(INSERT_ITEM, StatementKind.INSERT, 2,
                p -> List.of(runtime.owner(((Number) p.parameter(1)).longValue())));
        runtime.on(TYPES_INSERT, StatementKind.INSERT, 5, p -> List.of("n2"));
        runtime.on(TYPES_SELECT, StatementKind.QUERY, 1, p -> List.of("n2"));
        conn = new LogicalConnection(runtime.handle());
    }

    @AfterEach
    void stop() throws SQLException {
        conn.close();
        runtime.close();
    }

    private void insert(Connection c, long id, String v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, id);
            ps.setString(2, v);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String select(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void rowsLandOnTheOwningNodeAndReadBackThroughTheNodesOwnResultSet() throws SQLException {
        for (long id = 0; id < 10; id++) {
            insert(conn, id, "v" + id);
        }
        assertThat(runtime.count("n1", "kv")).isEqualTo(5);
        assertThat(runtime.count("n2", "kv")).isEqualTo(5);
        try (Connection n2 = runtime.direct("n2"); Statement s = n2.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM kv ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            assertThat(ids).containsExactly(1L, 3L, 5L, 7L, 9L);
        }
        try (PreparedStatement ps = conn.prepareStatement(SELECT)) {
            ps.setLong(1, 7);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getStatement()).isSameAs(ps);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("V")).isEqualTo("v7");
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(runtime.recorded.get()).isEqualTo(11);
        assertThat(conn.openNodes()).containsExactlyInAnyOrder("n1", "n2");
    }

    @Test
    void updateCountsOfAStatementOnSeveralNodesAreSummed() throws SQLException {
        for (long id = 0; id < 7; id++) {
            insert(conn, id, "v");
        }
        try (PreparedStatement ps = conn.prepareStatement(UPDATE)) {
            ps.setString(1, "changed");
            ps.setLong(2, 3);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(select(conn, 3)).isEqualTo("changed");
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate(DELETE_ALL)).isEqualTo(7);
            assertThat(s.getUpdateCount()).isEqualTo(7);
            assertThat(s.getResultSet()).isNull();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
        }
    }

    @Test
    void typedValuesSurviveTheReplayOntoTheNode() throws SQLException {
        Timestamp ts = Timestamp.valueOf("2026-11-24 08:30:00.123");
        try (PreparedStatement ps = conn.prepareStatement(TYPES_INSERT)) {
            ps.setLong(1, 1);
            ps.setBigDecimal(2, new BigDecimal("12.34"));
            ps.setTimestamp(3, ts);
            ps.setBytes(4, new byte[] {1, 2, 3});
            ps.setNull(5, Types.VARCHAR);
            ps.executeUpdate();
            ps.clearParameters();
            ps.setObject(1, 2, Types.BIGINT);
            ps.setObject(2, "5.5", Types.DECIMAL);
            ps.setObject(3, null);
            ps.setBinaryStream(4, new java.io.ByteArrayInputStream(new byte[] {9}));
            ps.setCharacterStream(5, new java.io.StringReader("abc"));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement(TYPES_SELECT)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("12.34");
                assertThat(rs.getTimestamp(2)).isEqualTo(ts);
                assertThat(rs.getBytes(3)).containsExactly(1, 2, 3);
                assertThat(rs.getString(4)).isNull();
                assertThat(rs.wasNull()).isTrue();
            }
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("5.5");
                assertThat(rs.getTimestamp(2)).isNull();
                assertThat(rs.getBytes(3)).containsExactly(9);
                assertThat(rs.getString(4)).isEqualTo("abc");
            }
        }
    }

    @Test
    void aParameterLeftUnsetIsNamed() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            ps.setLong(1, 1);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("parameter 2");
            assertThatThrownBy(() -> ps.setString(3, "x")).hasMessageContaining("out of range");
        }
    }

    @Test
    void rollbackUndoesWorkOnEveryNodeTouched() throws SQLException {
        conn.setAutoCommit(false);
        insert(conn, 1, "a");
        insert(conn, 2, "b");
        assertThat(conn.openNodes()).hasSize(2);
        conn.rollback();
        assertThat(runtime.count("n1", "kv") + runtime.count("n2", "kv")).isZero();
        insert(conn, 1, "a");
        insert(conn, 2, "b");
        // Not visible to other connections before commit.
        assertThat(runtime.count("n1", "kv") + runtime.count("n2", "kv")).isZero();
        conn.commit();
        assertThat(runtime.count("n1", "kv")).isEqualTo(1);
        assertThat(runtime.count("n2", "kv")).isEqualTo(1);
    }

    @Test
    void aTransactionOnOneNodeIsThatNodesTransaction() throws SQLException {
        conn.setAutoCommit(false);
        insert(conn, 2, "a");
        insert(conn, 4, "b");
        assertThat(conn.openNodes()).containsExactly("n1");
        conn.rollback();
        assertThat(runtime.count("n1", "kv")).isZero();
        conn.setAutoCommit(true);
        insert(conn, 6, "c");
        assertThat(runtime.count("n1", "kv")).isEqualTo(1);
    }

    @Test
    void aFailedSecondCommitSaysWhatWasCommittedAndRollsBackTheRest() throws SQLException {
        conn.setAutoCommit(false);
        insert(conn, 2, "on n1");
        insert(conn, 1, "on n2");
        runtime.failCommitOn.add("n2");
        // The node connections were opened before the flag: reopen through the failing pools.
        conn.rollback();
        conn.close();
        conn = new LogicalConnection(runtime.handle());
        conn.setAutoCommit(false);
        insert(conn, 2, "on n1");
        insert(conn, 1, "on n2");
        assertThatThrownBy(conn::commit).isInstanceOf(SQLException.class)
                .hasMessageContaining("PARTLY committed: committed on [n1]")
                .hasMessageContaining("commit failed on node n2");
        assertThat(runtime.count("n1", "kv")).isEqualTo(1);
        assertThat(runtime.count("n2", "kv")).isZero();
    }

    @Test
    void aFailedFirstCommitCommitsNothing() throws SQLException {
        runtime.failCommitOn.add("n1");
        conn.setAutoCommit(false);
        insert(conn, 2, "on n1");
        insert(conn, 1, "on n2");
        assertThatThrownBy(conn::commit).hasMessageContaining("nothing was committed");
        assertThat(runtime.count("n1", "kv") + runtime.count("n2", "kv")).isZero();
    }

    @Test
    void savepointsWorkOnOneNodeAndAreRefusedAcrossNodes() throws SQLException {
        conn.setAutoCommit(false);
        Savepoint beforeAnything = conn.setSavepoint();
        insert(conn, 2, "a");
        Savepoint sp = conn.setSavepoint("one");
        insert(conn, 4, "b");
        conn.rollback(sp);
        conn.commit();
        assertThat(runtime.count("n1", "kv")).isEqualTo(1);
        assertThat(select(conn, 2)).isEqualTo("a");

        insert(conn, 6, "c");
        Savepoint onN1 = conn.setSavepoint();
        insert(conn, 1, "d");
        assertThatThrownBy(() -> conn.rollback(onN1)).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("touched nodes");
        assertThatThrownBy(conn::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
        conn.rollback();
        assertThatThrownBy(() -> conn.rollback(beforeAnything)).hasMessageContaining("Unknown or released");

        Savepoint empty = conn.setSavepoint();
        insert(conn, 8, "e");
        insert(conn, 3, "f");
        conn.rollback(empty);
        conn.commit();
        assertThat(runtime.count("n1", "kv")).isEqualTo(1);
        assertThat(runtime.count("n2", "kv")).isZero();
    }

    @Test
    void transactionStatementsSentAsSqlMapToConnectionMethods() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("BEGIN");
            assertThat(conn.getAutoCommit()).isFalse();
            insert(conn, 1, "a");
            insert(conn, 2, "b");
            s.execute("ROLLBACK;");
            assertThat(conn.getAutoCommit()).isTrue();
            assertThat(runtime.count("n1", "kv") + runtime.count("n2", "kv")).isZero();
            s.execute("start  transaction");
            insert(conn, 1, "a");
            s.execute("COMMIT");
            assertThat(runtime.count("n2", "kv")).isEqualTo(1);
            s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThatThrownBy(() -> s.execute("SET SCHEMA other")).isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("connectionInitSql");
            assertThatThrownBy(() -> s.execute("SAVEPOINT x")).isInstanceOf(SQLFeatureNotSupportedException.class);
        }
        try (PreparedStatement begin = conn.prepareStatement("BEGIN");
                PreparedStatement commit = conn.prepareStatement("COMMIT")) {
            begin.execute();
            assertThat(conn.getAutoCommit()).isFalse();
            commit.execute();
            assertThat(conn.getAutoCommit()).isTrue();
        }
    }

    @Test
    void sessionStateIsAppliedToNodeConnectionsOpenedLater() throws SQLException {
        conn.setReadOnly(true);
        conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        select(conn, 1);
        Connection physical = conn.nodes().getIfOpen("n2");
        assertThat(physical.isReadOnly()).isTrue();
        assertThat(physical.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        conn.setReadOnly(false);
        assertThat(physical.isReadOnly()).isFalse();
        assertThat(conn.isValid(1)).isTrue();
    }

    @Test
    void preparedBatchesAreSplitPerNodeWithCountsInEntryOrder() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            for (long id = 0; id < 9; id++) {
                ps.setLong(1, id);
                ps.setString(2, "v" + id);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertThat(counts).hasSize(9).containsOnly(1);
        }
        assertThat(runtime.count("n1", "kv")).isEqualTo(5);
        assertThat(runtime.count("n2", "kv")).isEqualTo(4);
        assertThat(select(conn, 8)).isEqualTo("v8");

        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            ps.setLong(1, 100);
            ps.setString(2, "x");
            ps.addBatch();
            ps.setLong(1, 1); // duplicate key: fails on n2
            ps.addBatch();
            assertThatThrownBy(ps::executeBatch).isInstanceOf(BatchUpdateException.class);
        }
    }

    @Test
    void plainStatementBatchesRouteEachStatement() throws SQLException {
        runtime.on("INSERT INTO kv (id, v) VALUES (10, 'a')", StatementKind.INSERT, 0, p -> List.of("n1"));
        runtime.on("INSERT INTO kv (id, v) VALUES (11, 'b')", StatementKind.INSERT, 0, p -> List.of("n2"));
        try (Statement s = conn.createStatement()) {
            s.addBatch("INSERT INTO kv (id, v) VALUES (10, 'a')");
            s.addBatch("INSERT INTO kv (id, v) VALUES (11, 'b')");
            s.addBatch(DELETE_ALL);
            assertThat(s.executeBatch()).containsExactly(1, 1, 2);
            assertThatThrownBy(() -> s.addBatch("SHOW SHARDWISE SHARDS")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void generatedKeysComeFromTheNode() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(INSERT_ITEM, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, 5);
            ps.setString(2, "x");
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(1);
                assertThat(keys.getStatement()).isSameAs(ps);
            }
            ps.setLong(1, 7);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(2);
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(INSERT_ITEM, new String[] {"ID"})) {
            ps.setLong(1, 2);
            ps.setString(2, "y");
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(1); // first row on n1
            }
        }
    }

    @Test
    void rewrittenNodeStatementsRunWithTheirOwnParameters() throws SQLException {
        String multi = "INSERT INTO kv (id, v) VALUES (?, ?), (?, ?)";
        runtime.onRoute(multi, StatementKind.INSERT, 4, p -> new Route(List.of(
                new NodeStatement("n1", INSERT, new Object[] {p.parameter(1), p.parameter(2)}),
                new NodeStatement("n2", INSERT, new Object[] {p.parameter(3), p.parameter(4)})),
                null, false, true));
        try (PreparedStatement ps = conn.prepareStatement(multi)) {
            ps.setLong(1, 2);
            ps.setString(2, "two");
            ps.setLong(3, 3);
            ps.setString(4, "three");
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        assertThat(runtime.count("n1", "kv")).isEqualTo(1);
        assertThat(runtime.count("n2", "kv")).isEqualTo(1);
        assertThat(select(conn, 3)).isEqualTo("three");
    }

    @Test
    void scatterQueriesRunOnEveryNodeAndAreMerged() throws SQLException {
        String scatter = "SELECT id, v FROM kv ORDER BY id";
        runtime.on(scatter, StatementKind.QUERY, 0, p -> runtime.nodeIds(), new MergeSpec(2, null, null, null,
                false, List.of(new MergeSpec.SortKey(0, false, false)), 0, -1));
        for (long id = 0; id < 10; id++) {
            insert(conn, id, "v" + id);
        }
        int before = runtime.recorded.get();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(scatter)) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong("ID"));
            }
            assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(rs.getStatement()).isSameAs(s);
        }
        assertThat(runtime.recorded.get()).isEqualTo(before + 1);
        try (PreparedStatement ps = conn.prepareStatement(scatter)) {
            ps.setMaxRows(3);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                assertThat(ids).containsExactly(0L, 1L, 2L);
            }
        }
    }

    @Test
    void generatedKeysOfABatchOverSeveralNodesAreAllReturned() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(INSERT_ITEM, Statement.RETURN_GENERATED_KEYS)) {
            for (long k = 1; k <= 4; k++) {
                ps.setLong(1, k);
                ps.setString(2, "v");
                ps.addBatch();
            }
            ps.executeBatch();
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
            // Each node numbers its own rows (strided keys are the backends' business): two rows on each.
            assertThat(keys).containsExactlyInAnyOrder(1L, 2L, 1L, 2L);
        }
    }

    @Test
    void showShardwiseShardsListsEveryShard() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("  show   shardwise shards ;")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("GROUP_NAME");
            List<String> nodes = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getString("GROUP_NAME")).isEqualTo("kv");
                assertThat(rs.getString("STATE")).isEqualTo("STABLE");
                nodes.add(rs.getString("NODE") + ":" + rs.getLong("SHARD_ID"));
            }
            assertThat(nodes).containsExactly("n1:0", "n2:1");
            assertThat(rs.getStatement()).isSameAs(s);
        }
        try (PreparedStatement ps = conn.prepareStatement("SHOW SHARDWISE SHARDS"); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(conn.unwrap(ShardwiseConnection.class).admin().shards()).hasSize(2);
        try (Statement s = conn.createStatement()) {
            assertThatThrownBy(() -> s.execute("SHARDWISE FROBNICATE"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("SHOW SHARDWISE SHARDS");
        }
    }

    @Test
    void metadataComesFromTheDefaultNodeWithTheDriversIdentity() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.getDriverName()).isEqualTo("Shardwise");
        assertThat(md.getDatabaseProductName()).isEqualTo("H2");
        assertThat(md.getConnection()).isSameAs(conn);
        assertThat(md.getURL()).isEqualTo("jdbc:shardwise:");
        assertThat(md.getDriverVersion()).isNotBlank().isNotEqualTo("unknown");
        try (ResultSet tables = md.getTables(null, null, "KV", null)) {
            assertThat(tables.next()).isTrue();
        }
    }

    @Test
    void isValidAsksTheNodesAndFailsWhenOneIsGone() throws SQLException {
        assertThat(conn.isValid(1)).isTrue();
        assertThat(conn.openNodes()).containsExactly("n1");
        select(conn, 1);
        Connection n2 = runtime.direct("n2");
        n2.createStatement().execute("SHUTDOWN"); // closes the database under every connection to it
        assertThat(conn.isValid(1)).isFalse();
        try {
            conn.close(); // returning a dead node's connection may report the failure; the connection is closed
        } catch (SQLException expected) {
            assertThat(conn.isClosed()).isTrue();
        }
    }

    @Test
    void closingTheConnectionClosesItsStatementsAndReturnsNodeConnections() throws SQLException {
        PreparedStatement ps = conn.prepareStatement(SELECT);
        ps.setLong(1, 1);
        ResultSet rs = ps.executeQuery();
        Statement s = conn.createStatement();
        conn.close();
        assertThat(ps.isClosed()).isTrue();
        assertThat(s.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        assertThat(conn.isValid(1)).isFalse();
        assertThatThrownBy(conn::createStatement).hasMessageContaining("closed");
    }

    @Test
    void closingTheConnectionClosesEveryStatementStillOpenWhateverTheOrderTheOthersClosedIn() throws SQLException {
        Statement a = conn.createStatement();
        Statement b = conn.prepareStatement(SELECT);
        Statement c = conn.createStatement();
        Statement d = conn.prepareStatement(INSERT);
        b.close(); // the middle of the open list
        d.close(); // its head
        b.close(); // twice: no effect
        conn.close();
        assertThat(a.isClosed()).isTrue();
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void closeOnCompletionClosesTheStatementWhenItsResultSetCloses() throws SQLException {
        insert(conn, 1, "one");
        PreparedStatement ps = conn.prepareStatement(SELECT);
        ps.closeOnCompletion();
        assertThat(ps.isCloseOnCompletion()).isTrue();
        ps.setLong(1, 1);
        ResultSet first = ps.executeQuery();
        ps.setLong(1, 1);
        ResultSet second = ps.executeQuery(); // re-executing closes the first result set: not completion
        assertThat(first.isClosed()).isTrue();
        assertThat(ps.isClosed()).isFalse();
        assertThat(second.next()).isTrue();
        assertThat(second.getString(1)).isEqualTo("one");
        second.close();
        assertThat(ps.isClosed()).isTrue();

        String literal = SELECT.replace("?", "1");
        runtime.on(literal, StatementKind.QUERY, 0, p -> List.of(runtime.owner(1)));
        Statement plain = conn.createStatement();
        ResultSet rs = plain.executeQuery(literal);
        rs.close(); // without closeOnCompletion the statement stays open
        assertThat(plain.isClosed()).isFalse();
        plain.close();
    }

    @Test
    void closeOnCompletionAlsoAppliesToAMergedResultSet() throws SQLException {
        String scatter = "SELECT id, v FROM kv ORDER BY id";
        runtime.on(scatter, StatementKind.QUERY, 0, p -> runtime.nodeIds(), new MergeSpec(2, null, null, null,
                false, List.of(new MergeSpec.SortKey(0, false, false)), 0, -1));
        insert(conn, 1, "one");
        insert(conn, 2, "two");
        Statement s = conn.createStatement();
        s.closeOnCompletion();
        ResultSet rs = s.executeQuery(scatter);
        assertThat(rs.next()).isTrue();
        assertThat(s.isClosed()).isFalse();
        rs.close();
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void rewrittenNodeStatementsAreReusedWhileTheirTextStaysTheSame() throws SQLException {
        String multi = "INSERT INTO kv (id, v) VALUES (?, ?), (?, ?)";
        runtime.onRoute(multi, StatementKind.INSERT, 4, p -> new Route(List.of(
                new NodeStatement("n1", INSERT, new Object[] {p.parameter(1), p.parameter(2)}),
                new NodeStatement("n2", INSERT, new Object[] {p.parameter(3), p.parameter(4)})),
                null, false, true));
        String lookup = "SELECT v FROM kv WHERE id IN (?, ?)";
        runtime.onRoute(lookup, StatementKind.QUERY, 2, p -> new Route(List.of(
                new NodeStatement(runtime.owner(((Number) p.parameter(1)).longValue()), SELECT,
                        new Object[] {p.parameter(1)})), null, true, false));
        try (PreparedStatement ps = conn.prepareStatement(multi)) {
            for (long id = 10; id < 16; id += 2) {
                ps.setLong(1, id);
                ps.setString(2, "v" + id);
                ps.setLong(3, id + 1);
                ps.setString(4, "v" + (id + 1));
                assertThat(ps.executeUpdate()).isEqualTo(2);
            }
        }
        assertThat(runtime.count("n1", "kv") + runtime.count("n2", "kv")).isEqualTo(6);
        try (PreparedStatement ps = conn.prepareStatement(lookup)) {
            for (long id = 10; id < 16; id++) {
                ps.setLong(1, id);
                ps.setLong(2, -1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("v" + id);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void sqlTakingMethodsAreRefusedOnAPreparedStatement() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SELECT)) {
            assertThatThrownBy(() -> ps.execute(DELETE_ALL)).hasMessageContaining("PreparedStatement");
            assertThatThrownBy(() -> ps.executeUpdate(DELETE_ALL, Statement.RETURN_GENERATED_KEYS))
                    .hasMessageContaining("PreparedStatement");
            assertThatThrownBy(() -> ps.executeQuery(SELECT)).hasMessageContaining("PreparedStatement");
        }
    }

    @Test
    void unsupportedFeaturesAreRefusedClearly() throws SQLException {
        assertThatThrownBy(() -> conn.prepareCall("{call p()}")).isInstanceOf(SQLFeatureNotSupportedException.class);
        Statement s = conn.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
        assertThat(s.getResultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
        assertThat((Object) conn.getWarnings()).isNotNull();
        conn.clearWarnings();
        assertThat((Object) conn.getWarnings()).isNull();
        assertThatThrownBy(() -> conn.unwrap(java.sql.Driver.class)).isInstanceOf(SQLException.class);
    }
}
