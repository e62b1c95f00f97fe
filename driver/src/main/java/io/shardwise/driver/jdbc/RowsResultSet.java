package io.shardwise.driver.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A small read-only, forward-only result set over rows held in memory: admin statements' answers, empty generated
 * keys. Create with {@link #of}. Getters convert between numbers and text the way drivers commonly do; the methods
 * such a result set cannot support (updates, scrolling, streams) are generated to throw
 * {@link java.sql.SQLFeatureNotSupportedException}.
 */
public abstract class RowsResultSet implements ResultSet {

    /** One column: its label (as the application reads it) and its {@link Types} code. */
    public record Column(String label, int sqlType) {
    }

    private final List<Column> columns;
    private final List<Object[]> rows;
    private final Statement owner;
    private int position = -1;
    private boolean wasNull;
    private boolean closed;
    private int fetchSize;

    protected RowsResultSet(List<Column> columns, List<Object[]> rows, Statement owner) {
        this.columns = columns;
        this.rows = rows;
        this.owner = owner;
    }

    public static ResultSet of(List<Column> columns, List<Object[]> rows, Statement owner) {
        return GeneratedJdbc.rows(List.copyOf(columns), List.copyOf(rows), owner);
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (position < rows.size()) {
            position++;
        }
        return position < rows.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("The result set is closed", "24000");
        }
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (position < 0 || position >= rows.size()) {
            throw new SQLException("No current row: call next() first and only while it returns true", "24000");
        }
        if (column < 1 || column > columns.size()) {
            throw new SQLException("Column index " + column + " is out of range 1.." + columns.size(), "07009");
        }
        Object v = rows.get(position)[column - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).label().equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("No column '" + label + "' in this result set", "42S22");
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return value(column);
    }

    @Override
    public String getString(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : v.toString();
    }

    @Override
    public long getLong(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SQLException("Column " + column + " value '" + v + "' is not a number", "22018");
        }
    }

    @Override
    public int getInt(int column) throws SQLException {
        return (int) getLong(column);
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) getLong(column);
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) getLong(column);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SQLException("Column " + column + " value '" + v + "' is not a number", "22018");
        }
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return (float) getDouble(column);
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        try {
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SQLException("Column " + column + " value '" + v + "' is not a number", "22018");
        }
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("1") || s.equals("yes");
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : v instanceof byte[] b ? b : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        Object v = value(column);
        if (v == null || v instanceof Timestamp) {
            return (Timestamp) v;
        }
        if (v instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (v instanceof java.util.Date d) {
            return new Timestamp(d.getTime());
        }
        return Timestamp.valueOf(v.toString());
    }

    @Override
    public Date getDate(int column) throws SQLException {
        Object v = value(column);
        if (v == null || v instanceof Date) {
            return (Date) v;
        }
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof java.util.Date d) {
            return new Date(d.getTime());
        }
        return Date.valueOf(v.toString());
    }

    @Override
    public Time getTime(int column) throws SQLException {
        Object v = value(column);
        if (v == null || v instanceof Time) {
            return (Time) v;
        }
        if (v instanceof java.util.Date d) {
            return new Time(d.getTime());
        }
        return Time.valueOf(v.toString());
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        Object v = value(column);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        Object converted;
        if (type == String.class) {
            converted = getString(column);
        } else if (type == Long.class) {
            converted = getLong(column);
        } else if (type == Integer.class) {
            converted = getInt(column);
        } else if (type == Short.class) {
            converted = getShort(column);
        } else if (type == Double.class) {
            converted = getDouble(column);
        } else if (type == Float.class) {
            converted = getFloat(column);
        } else if (type == BigDecimal.class) {
            converted = getBigDecimal(column);
        } else if (type == Boolean.class) {
            converted = getBoolean(column);
        } else if (type == Timestamp.class) {
            converted = getTimestamp(column);
        } else {
            throw new SQLException("Cannot convert column " + column + " (" + v.getClass().getSimpleName()
                    + ") to " + type.getName(), "22018");
        }
        return type.cast(converted);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public ResultSetMetaData getMetaData() {
        return new RowsMetaData(columns);
    }

    @Override
    public Statement getStatement() {
        return owner;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
        // an in-memory result set produces no warnings
    }

    @Override
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD) {
            throw new SQLException("Only FETCH_FORWARD is supported", "HY106");
        }
    }

    @Override
    public void setFetchSize(int rows) {
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getRow() {
        return position >= 0 && position < rows.size() ? position + 1 : 0;
    }

    @Override
    public boolean isBeforeFirst() {
        return position < 0 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() {
        return position >= rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() {
        return position == 0 && !rows.isEmpty();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** Column descriptions of an in-memory result set. */
    static final class RowsMetaData implements ResultSetMetaData {
        private final List<Column> columns;

        RowsMetaData(List<Column> columns) {
            this.columns = columns;
        }

        private Column column(int index) throws SQLException {
            if (index < 1 || index > columns.size()) {
                throw new SQLException("Column index " + index + " is out of range 1.." + columns.size(), "07009");
            }
            return columns.get(index - 1);
        }

        @Override
        public int getColumnCount() {
            return columns.size();
        }

        @Override
        public boolean isAutoIncrement(int column) {
            return false;
        }

        @Override
        public boolean isCaseSensitive(int column) throws SQLException {
            return column(column).sqlType() == Types.VARCHAR;
        }

        @Override
        public boolean isSearchable(int column) {
            return false;
        }

        @Override
        public boolean isCurrency(int column) {
            return false;
        }

        @Override
        public int isNullable(int column) {
            return columnNullableUnknown;
        }

        @Override
        public boolean isSigned(int column) throws SQLException {
            int t = column(column).sqlType();
            return t == Types.BIGINT || t == Types.INTEGER || t == Types.DECIMAL || t == Types.DOUBLE;
        }

        @Override
        public int getColumnDisplaySize(int column) throws SQLException {
            column(column);
            return 64;
        }

        @Override
        public String getColumnLabel(int column) throws SQLException {
            return column(column).label();
        }

        @Override
        public String getColumnName(int column) throws SQLException {
            return column(column).label();
        }

        @Override
        public String getSchemaName(int column) {
            return "";
        }

        @Override
        public int getPrecision(int column) throws SQLException {
            return column(column).sqlType() == Types.BIGINT ? 19 : 0;
        }

        @Override
        public int getScale(int column) {
            return 0;
        }

        @Override
        public String getTableName(int column) {
            return "";
        }

        @Override
        public String getCatalogName(int column) {
            return "";
        }

        @Override
        public int getColumnType(int column) throws SQLException {
            return column(column).sqlType();
        }

        @Override
        public String getColumnTypeName(int column) throws SQLException {
            return switch (column(column).sqlType()) {
                case Types.BIGINT -> "BIGINT";
                case Types.INTEGER -> "INTEGER";
                case Types.DOUBLE -> "DOUBLE PRECISION";
                case Types.DECIMAL -> "DECIMAL";
                case Types.BOOLEAN -> "BOOLEAN";
                case Types.TIMESTAMP -> "TIMESTAMP";
                default -> "VARCHAR";
            };
        }

        @Override
        public boolean isReadOnly(int column) {
            return true;
        }

        @Override
        public boolean isWritable(int column) {
            return false;
        }

        @Override
        public boolean isDefinitelyWritable(int column) {
            return false;
        }

        @Override
        public String getColumnClassName(int column) throws SQLException {
            return switch (column(column).sqlType()) {
                case Types.BIGINT -> Long.class.getName();
                case Types.INTEGER -> Integer.class.getName();
                case Types.DOUBLE -> Double.class.getName();
                case Types.DECIMAL -> BigDecimal.class.getName();
                case Types.BOOLEAN -> Boolean.class.getName();
                case Types.TIMESTAMP -> Timestamp.class.getName();
                default -> String.class.getName();
            };
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("Not a wrapper for " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }
}
