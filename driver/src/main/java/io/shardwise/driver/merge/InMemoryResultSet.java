package io.shardwise.driver.merge;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A forward-only, read-only result set over rows held in memory: what admin statements such as
 * {@code SHOW SHARDWISE SHARDS} return, and what a merge returns after it had to materialise (grouping). Values
 * should be the classes a JDBC driver would return for the column's SQL type (Long for BIGINT, String for VARCHAR,
 * ...); the getters convert them like any other Shardwise result set.
 */
public final class InMemoryResultSet extends RowResultSet {

    private Iterator<Object[]> rows;

    /**
     * @param columns one per column, in order (see {@link ColumnInfo#of(String, int)})
     * @param rows    each row has at least {@code columns.size()} values; extra values are hidden
     * @param owner   the statement {@link #getStatement()} returns; may be null
     */
    public InMemoryResultSet(List<ColumnInfo> columns, List<Object[]> rows, Statement owner) {
        super(columns, owner);
        for (Object[] row : rows) {
            if (row.length < columns.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + columns.size()
                        + " columns");
            }
        }
        this.rows = new ArrayList<>(rows).iterator();
    }

    /** Convenience for the common case: labels and {@link java.sql.Types} codes side by side. */
    public static InMemoryResultSet of(List<String> labels, int[] sqlTypes, List<Object[]> rows, Statement owner) {
        if (labels.size() != sqlTypes.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + sqlTypes.length + " types");
        }
        List<ColumnInfo> columns = new ArrayList<>(labels.size());
        for (int i = 0; i < sqlTypes.length; i++) {
            columns.add(ColumnInfo.of(labels.get(i), sqlTypes[i]));
        }
        return new InMemoryResultSet(columns, rows, owner);
    }

    @Override
    protected Object[] fetchNextRow() {
        return rows.hasNext() ? rows.next() : null;
    }

    @Override
    protected void closeRows() {
        rows = java.util.Collections.emptyIterator();
    }
}
