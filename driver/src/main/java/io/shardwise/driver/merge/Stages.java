package io.shardwise.driver.merge;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The streaming stages after the node sources: filters, duplicate removal and the offset/limit window. */
final class Stages {

    private Stages() {
    }

    static RowSource filter(RowSource in, Predicate<Object[]> keep) {
        return new RowSource() {
            @Override
            public Object[] next() throws SQLException {
                Object[] r;
                while ((r = in.next()) != null) {
                    if (keep.test(r)) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() throws SQLException {
                in.close();
            }
        };
    }

    /**
     * Drops rows whose visible columns equal an earlier row's. When the input is sorted on every visible column,
     * duplicates are adjacent and comparing with the previous row is enough (constant memory); otherwise a hash set
     * of the visible rows seen so far.
     */
    static RowSource distinct(RowSource in, int visibleColumns, Comparator<Object[]> adjacentOrder) {
        if (adjacentOrder != null) {
            return new RowSource() {
                private Object[] previous;

                @Override
                public Object[] next() throws SQLException {
                    Object[] r;
                    while ((r = in.next()) != null) {
                        if (previous == null || !sameVisible(previous, r, visibleColumns)) {
                            previous = r;
                            return r;
                        }
                    }
                    return null;
                }

                @Override
                public void close() throws SQLException {
                    in.close();
                }
            };
        }
        Set<RowKey> seen = new HashSet<>();
        return filter(in, r -> seen.add(RowKey.ofLeading(r, visibleColumns)));
    }

    private static boolean sameVisible(Object[] a, Object[] b, int visibleColumns) {
        for (int i = 0; i < visibleColumns; i++) {
            Object x = a[i];
            Object y = b[i];
            if (x == null || y == null) {
                if (x != y) {
                    return false;
                }
            } else if (!ValueComparator.INSTANCE.sqlEquals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Skips {@code offset} rows, returns at most {@code limit} (-1: all), then closes the input at once. */
    static RowSource window(RowSource in, long offset, long limit) {
        if (offset <= 0 && limit < 0) {
            return in;
        }
        return new RowSource() {
            private long skipped;
            private long returned;
            private boolean done;

            @Override
            public Object[] next() throws SQLException {
                if (done) {
                    return null;
                }
                if (limit >= 0 && returned >= limit) {
                    finish();
                    return null;
                }
                while (skipped < offset) {
                    if (in.next() == null) {
                        finish();
                        return null;
                    }
                    skipped++;
                }
                Object[] r = in.next();
                if (r == null) {
                    finish();
                    return null;
                }
                returned++;
                if (limit >= 0 && returned >= limit) {
                    // The last row the application may see: release the nodes now, not at the next call.
                    finish();
                }
                return r;
            }

            private void finish() throws SQLException {
                done = true;
                in.close();
            }

            @Override
            public void close() throws SQLException {
                done = true;
                in.close();
            }
        };
    }

    /** Rows already in memory (after grouping or an in-memory sort). */
    static RowSource of(List<Object[]> rows, RowSource upstream) {
        Iterator<Object[]> it = rows.iterator();
        return new RowSource() {
            @Override
            public Object[] next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() throws SQLException {
                upstream.close();
            }
        };
    }
}
