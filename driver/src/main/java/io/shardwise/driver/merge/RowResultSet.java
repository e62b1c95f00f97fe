package io.shardwise.driver.merge;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only {@link ResultSet} over rows of Java values, one {@code Object[]} per row. The getters
 * and their conversions live here once; subclasses only say where the next row comes from. Rows may carry more
 * values than the application sees (hidden merge columns): only the first {@code columns.size()} are visible.
 */
public abstract class RowResultSet implements ResultSet {

    private final ColumnsMetaData metaData;
    private final int columnCount;
    private final boolean[] decfloat;
    private final boolean postgres;
    private final Statement owner;
    private Map<String, Integer> labelIndex;
    private Object[] current;
    private boolean closed;
    private boolean wasNull;
    private boolean afterLast;
    private int rowNumber;
    private int fetchSize;
    private SQLWarning warnings;

    protected RowResultSet(List<ColumnInfo> columns, Statement owner) {
        this(columns, owner, Backend.H2);
    }

    RowResultSet(List<ColumnInfo> columns, Statement owner, Backend backend) {
        this.postgres = backend == Backend.POSTGRESQL;
        this.metaData = new ColumnsMetaData(columns);
        this.columnCount = columns.size();
        this.owner = owner;
        this.decfloat = new boolean[columnCount];
        for (int i = 0; i < columnCount; i++) {
            decfloat[i] = "DECFLOAT".equalsIgnoreCase(columns.get(i).typeName());
        }
    }

    /** The next row, or null when there are no more. Called at most once after it returned null. */
    protected abstract Object[] fetchNextRow() throws SQLException;

    /** Releases whatever produces the rows. Called once, by {@link #close()}. */
    protected abstract void closeRows() throws SQLException;

    protected void addWarning(SQLWarning w) {
        if (w == null) {
            return;
        }
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    // ---- cursor ----

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        current = fetchNextRow();
        if (current == null) {
            afterLast = true;
            return false;
        }
        rowNumber++;
        return true;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        try {
            closeRows();
        } finally {
            if (owner instanceof ResultSetOwner o) {
                o.resultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        // Answering would need a look-ahead the merge deliberately avoids; H2 and PostgreSQL forward-only
        // cursors answer it, so say plainly that we do not.
        if (rowNumber == 0 && !afterLast) {
            throw new SQLFeatureNotSupportedException(
                    "isBeforeFirst is not supported on a merged forward-only result; call next() and test its result");
        }
        return false;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1 && !afterLast;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw scrolling("isLast");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast ? 0 : rowNumber;
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw scrolling("beforeFirst");
    }

    @Override
    public void afterLast() throws SQLException {
        throw scrolling("afterLast");
    }

    @Override
    public boolean first() throws SQLException {
        throw scrolling("first");
    }

    @Override
    public boolean last() throws SQLException {
        throw scrolling("last");
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw scrolling("absolute");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw scrolling("relative");
    }

    @Override
    public boolean previous() throws SQLException {
        throw scrolling("previous");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw scrolling("setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0, got " + rows, "HY024");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return owner;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public String getCursorName() throws SQLException {
        throw new SQLFeatureNotSupportedException("named cursors are not supported by Shardwise result sets");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return metaData;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (columnLabel == null) {
            throw new SQLException("column label is null", "42S22");
        }
        Map<String, Integer> index = labelIndex;
        if (index == null) {
            index = new HashMap<>();
            List<ColumnInfo> cols = metaData.columns();
            for (int i = cols.size() - 1; i >= 0; i--) { // backwards, so the first match wins
                index.put(cols.get(i).label().toUpperCase(Locale.ROOT), i + 1);
            }
            labelIndex = index;
        }
        Integer i = index.get(columnLabel.toUpperCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("Column \"" + columnLabel + "\" not found", "42S22");
        }
        return i;
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---- values ----

    private Object value(int columnIndex) throws SQLException {
        checkOpen();
        if (current == null) {
            throw new SQLException(rowNumber == 0 && !afterLast ? "no current row: call next() first"
                    : "no current row: the result set is past its last row", "24000");
        }
        if (columnIndex < 1 || columnIndex > columnCount) {
            throw new SQLException("column index " + columnIndex + " is out of range 1.." + columnCount, "07009");
        }
        Object v = current[columnIndex - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return value(columnIndex);
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        return JdbcValues.convert(value(columnIndex), type, decfloat[columnIndex - 1]);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) {
            return getObject(columnIndex);
        }
        throw new SQLFeatureNotSupportedException("user-defined type maps are not supported");
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toStringValue(v) : JdbcValues.toStringValue(v, decfloat[columnIndex - 1]);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getString(columnLabel);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toBoolean(v) : JdbcValues.toBoolean(v);
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) integral(value(columnIndex), Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) integral(value(columnIndex), Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return (int) integral(value(columnIndex), Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return integral(value(columnIndex), Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return (float) (postgres ? PostgresValues.toDouble(v) : JdbcValues.toDouble(v));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toDouble(v) : JdbcValues.toDouble(v);
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toBigDecimal(v) : JdbcValues.toBigDecimal(v);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toBytes(v) : JdbcValues.toBytes(v);
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return JdbcValues.toDate(value(columnIndex));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        Date d = getDate(columnIndex);
        if (d == null || cal == null) {
            return d;
        }
        return new Date(shift(d.getTime(), cal));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toTime(v) : JdbcValues.toTime(v);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        Time t = getTime(columnIndex);
        if (t == null || cal == null) {
            return t;
        }
        return new Time(shift(t.getTime(), cal));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return postgres ? PostgresValues.toTimestamp(v) : JdbcValues.toTimestamp(v);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        Timestamp t = getTimestamp(columnIndex);
        if (t == null || cal == null) {
            return t;
        }
        Timestamp shifted = new Timestamp(shift(t.getTime(), cal));
        shifted.setNanos(t.getNanos());
        return shifted;
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    /** Reinterprets a wall-clock value read in the JVM's zone as a wall-clock value in the calendar's zone. */
    private static long shift(long millis, Calendar cal) {
        java.util.TimeZone local = java.util.TimeZone.getDefault();
        return millis + local.getOffset(millis) - cal.getTimeZone().getOffset(millis);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("getUnicodeStream is deprecated; use getCharacterStream");
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(columnLabel);
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        if (s == null) {
            return null;
        }
        try {
            return new java.net.URI(s).toURL();
        } catch (Exception e) {
            throw JdbcValues.conversion(s, "URL");
        }
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw unsupportedType("REF");
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        throw unsupportedType("REF");
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null || v instanceof Blob) {
            return (Blob) v;
        }
        throw unsupportedType("BLOB");
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null || v instanceof Clob) {
            return (Clob) v;
        }
        throw unsupportedType("CLOB");
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null || v instanceof NClob) {
            return (NClob) v;
        }
        throw unsupportedType("NCLOB");
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null || v instanceof Array) {
            return (Array) v;
        }
        throw unsupportedType("ARRAY");
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw unsupportedType("ROWID");
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        throw unsupportedType("ROWID");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw unsupportedType("SQLXML");
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        throw unsupportedType("SQLXML");
    }

    // ---- helpers ----

    private long integral(Object v, long min, long max, String target) throws SQLException {
        return postgres ? PostgresValues.toLong(v, min, max, target) : JdbcValues.toLong(v, min, max, target);
    }

    protected final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed", "24000");
        }
    }

    private static SQLFeatureNotSupportedException scrolling(String method) {
        return new SQLFeatureNotSupportedException(
                method + ": Shardwise result sets are forward-only; read the rows with next()");
    }

    private static SQLFeatureNotSupportedException unsupportedType(String type) {
        return new SQLFeatureNotSupportedException(type + " values are not supported by Shardwise result sets");
    }

    static SQLFeatureNotSupportedException readOnly() {
        return new SQLFeatureNotSupportedException(
                "Shardwise result sets are read-only; change rows with UPDATE/INSERT/DELETE statements");
    }

    // ---- updates: all refused (generated list, one per ResultSet method) ----
    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(String p0, Array p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(int p0, Array p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String p0, InputStream p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String p0, InputStream p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String p0, InputStream p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int p0, InputStream p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(String p0, BigDecimal p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(int p0, BigDecimal p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String p0, InputStream p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String p0, InputStream p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String p0, InputStream p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int p0, InputStream p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String p0, InputStream p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String p0, InputStream p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String p0, Blob p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int p0, InputStream p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int p0, InputStream p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int p0, Blob p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(String p0, boolean p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(int p0, boolean p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(String p0, byte p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(int p0, byte p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(String p0, byte[] p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(int p0, byte[] p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String p0, Reader p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int p0, Reader p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String p0, Clob p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int p0, Clob p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(String p0, Date p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(int p0, Date p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(String p0, double p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(int p0, double p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(String p0, float p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(int p0, float p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(String p0, int p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(int p0, int p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(String p0, long p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(int p0, long p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String p0, NClob p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int p0, Reader p1, long p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int p0, Reader p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int p0, NClob p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(String p0, String p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(int p0, String p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(String p0) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(int p0) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String p0, Object p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String p0, Object p1, SQLType p2, int p3) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String p0, Object p1, SQLType p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String p0, Object p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int p0, Object p1, int p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int p0, Object p1, SQLType p2, int p3) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int p0, Object p1, SQLType p2) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int p0, Object p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(String p0, Ref p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(int p0, Ref p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(String p0, RowId p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(int p0, RowId p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(String p0, SQLXML p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(int p0, SQLXML p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(String p0, short p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(int p0, short p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(String p0, String p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(int p0, String p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(String p0, Time p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(int p0, Time p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(String p0, Timestamp p1) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(int p0, Timestamp p1) throws SQLException {
        throw readOnly();
    }

}
