package io.shardwise.driver.jdbc;

import io.shardwise.driver.admin.AdminCommands;
import io.shardwise.router.plan.NodeStatement;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's PreparedStatement. The plan is looked up once, when the statement is prepared; each execution
 * routes with the bound values (read in place: {@link Parameters} is the router's ParameterSource) and replays them
 * onto the chosen node's physical statement of the same text, prepared once per node and reused.
 */
public final class LogicalPreparedStatement extends LogicalStatement implements PreparedStatement {
    private final String sql;
    private final StatementPlan plan;
    private final boolean admin;
    private final boolean session;
    private final Parameters params;
    private final Map<String, PreparedStatement> byNode = new HashMap<>(4);
    private List<Parameters> batch;

    LogicalPreparedStatement(LogicalConnection conn, String sql, GeneratedKeysRequest keys) throws SQLException {
        super(conn);
        if (sql == null) {
            throw new SQLException("SQL text is null", "42000");
        }
        this.sql = sql;
        this.keys = keys;
        this.admin = AdminCommands.isAdmin(sql);
        this.session = !admin && SessionCommand.mayBe(sql);
        if (admin || session) {
            plan = null;
            params = new Parameters(0);
        } else {
            plan = runtime.plan(sql);
            checkExecutable(plan);
            params = new Parameters(plan.parameterCount());
        }
    }

    // ---------------------------------------------------------------- execution

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        clearResults();
        if (admin) {
            return executeAdmin();
        }
        if (session) {
            if (!SessionCommand.apply(sql, conn)) {
                throw new SQLException("Not a recognised transaction statement: " + sql, "42000");
            }
            updateCount = 0;
            return false;
        }
        params.checkAllSet();
        Route route = plan.route(params);
        boolean result = run(plan, route, params);
        afterDdl(plan, route);
        return result;
    }

    private boolean executeAdmin() throws SQLException {
        current = AdminCommands.execute(sql, conn, this);
        updateCount = current == null ? 0 : -1;
        return current != null;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("executeQuery: the statement returned no result set (use executeUpdate)",
                    "07000");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(executeLargeUpdate(), Integer.MAX_VALUE);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (plan != null && plan.kind().isQuery()) {
            throw new SQLException("executeUpdate cannot run a query (use executeQuery): " + sql, "07000");
        }
        if (execute()) {
            throw new SQLException("executeUpdate: the statement returned a result set (use executeQuery)",
                    "07000");
        }
        return admin || session ? 0 : getLargeUpdateCount();
    }

    @Override
    Statement nodeStatement(NodeStatement ns, boolean write) throws SQLException {
        Connection c = conn.nodes().get(ns.node(), write);
        if (ns.params() != null) {
            return rewritten(c, ns);
        }
        PreparedStatement ps = byNode.get(ns.node());
        if (ps == null || ps.isClosed()) { // closed: the node's connection was lost and replaced
            ps = keys.prepare(c, sql);
            applyOptions(ps);
            byNode.put(ns.node(), ps);
        }
        params.bindTo(ps);
        return ps;
    }

    @Override
    String textToRun(NodeStatement ns) {
        return null;
    }

    @Override
    List<Statement> physicalStatements() {
        List<Statement> all = super.physicalStatements();
        all.addAll(byNode.values());
        return all;
    }

    @Override
    void closePhysical() {
        byNode.clear();
    }

    // ---------------------------------------------------------------- batches

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        if (admin || session) {
            throw new SQLException("Admin and transaction statements cannot be batched: " + sql, "42000");
        }
        params.checkAllSet();
        if (batch == null) {
            batch = new ArrayList<>();
        }
        batch.add(params.snapshot());
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLException("addBatch(String) cannot be called on a PreparedStatement", "HY000");
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        if (batch != null) {
            batch.clear();
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return toInts(executeLargeBatch());
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        clearResults();
        List<Parameters> entries = batch == null ? List.of() : new ArrayList<>(batch);
        if (batch != null) {
            batch.clear();
        }
        if (plan != null && plan.kind().isQuery() && !entries.isEmpty()) {
            throw new SQLException("A query cannot be batched: " + sql, "42000");
        }
        BatchRun run = new BatchRun(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Parameters entry = entries.get(i);
            Route route = plan.route(entry);
            if (route.write() && route.group() != null) {
                route = guardBatchWrite(plan, route, entry);
            }
            for (NodeStatement ns : route.statements()) {
                Connection c = conn.nodes().get(ns.node(), route.write());
                if (ns.params() == null) {
                    PreparedStatement ps = byNode.get(ns.node());
                    if (ps == null) {
                        ps = keys.prepare(c, sql);
                        applyOptions(ps);
                        byNode.put(ns.node(), ps);
                    }
                    entry.bindTo(ps);
                    ps.addBatch();
                    run.added(ps, ns.node(), i);
                } else {
                    PreparedStatement ps = run.prepared(ns.node(), ns.sql(), c, this);
                    Parameters.bindValues(ps, ns.params());
                    ps.addBatch();
                    run.added(ps, ns.node(), i);
                }
            }
            run.add(route, entry);
        }
        long[] counts = executeGuarded(run);
        keysSources = run.statements();
        return counts;
    }

    // ---------------------------------------------------------------- setters

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        params.clear();
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        params.set(index, value, 0);
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        checkOpen();
        params.set(index, null, sqlType);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        setNull(index, sqlType);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        checkOpen();
        params.setWithCalendar(index, x, cal);
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        checkOpen();
        params.setWithCalendar(index, x, cal);
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        checkOpen();
        params.setWithCalendar(index, x, cal);
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        checkOpen();
        params.set(index, x, targetSqlType);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        checkOpen();
        if (x instanceof BigDecimal b && (targetSqlType == Types.DECIMAL || targetSqlType == Types.NUMERIC)) {
            x = b.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP);
        }
        params.set(index, x, targetSqlType);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
        checkOpen();
        params.set(index, x, targetSqlType.getVendorTypeNumber() == null ? 0 : targetSqlType.getVendorTypeNumber());
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(index, x, targetSqlType);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        setAsciiStream(index, x, (long) length);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        byte[] bytes = Parameters.readAll(x, length);
        set(index, bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, -1L);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        byte[] bytes = Parameters.readAll(x, length);
        set(index, bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_16BE));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        set(index, Parameters.readAll(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        set(index, Parameters.readAll(x, length));
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        set(index, Parameters.readAll(x, -1));
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        set(index, Parameters.readAll(reader, length));
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        set(index, Parameters.readAll(reader, length));
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        set(index, Parameters.readAll(reader, -1));
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
        set(index, Parameters.readAll(value, length));
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        set(index, Parameters.readAll(value, -1));
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        set(index, Parameters.readAll(reader, length));
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        set(index, Parameters.readAll(reader, -1));
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        set(index, Parameters.readAll(reader, length));
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        set(index, Parameters.readAll(reader, -1));
    }

    @Override
    public void setBlob(int index, InputStream in, long length) throws SQLException {
        set(index, Parameters.readAll(in, length));
    }

    @Override
    public void setBlob(int index, InputStream in) throws SQLException {
        set(index, Parameters.readAll(in, -1));
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        set(index, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        set(index, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        set(index, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        set(index, x == null ? null : x.toString());
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw new SQLFeatureNotSupportedException("REF values are not supported by Shardwise", "0A000");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw new SQLFeatureNotSupportedException("A ROWID is one node's: it cannot be routed by Shardwise",
                "0A000");
    }

    @Override
    public void setSQLXML(int index, SQLXML x) throws SQLException {
        set(index, x == null ? null : x.getString());
    }

    // ---------------------------------------------------------------- metadata

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (plan == null || !plan.kind().isQuery()) {
            return null;
        }
        // The shape is the same on every node: ask the default node's statement of the same text.
        return defaultNodeStatement().getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        if (plan == null) {
            throw new SQLFeatureNotSupportedException("No parameter metadata for admin or session statements",
                    "0A000");
        }
        return defaultNodeStatement().getParameterMetaData();
    }

    private PreparedStatement defaultNodeStatement() throws SQLException {
        String node = runtime.spec().defaultNode();
        PreparedStatement ps = byNode.get(node);
        if (ps == null) {
            ps = keys.prepare(conn.nodes().get(node, false), sql);
            applyOptions(ps);
            byNode.put(node, ps);
        }
        return ps;
    }

    @Override
    public String toString() {
        return "Shardwise prepared statement: " + sql;
    }
}
