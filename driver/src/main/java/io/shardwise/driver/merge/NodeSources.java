package io.shardwise.driver.merge;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The first stage of a merge: rows straight from the node cursors, either interleaved by order or one node after another. */
final class NodeSources {

    private NodeSources() {
    }

    /** Streaming k-way merge of cursors whose rows each arrive sorted by {@code order}. */
    static RowSource sorted(List<NodeCursor> cursors, Comparator<Object[]> order) {
        return new SortedMerge(cursors, order);
    }

    /** Every row of the first node, then of the second, ...: for results whose order is not defined. */
    static RowSource concatenated(List<NodeCursor> cursors) {
        return new Concatenation(cursors);
    }

    static void closeAll(List<NodeCursor> cursors) throws SQLException {
        SQLException first = null;
        for (NodeCursor c : cursors) {
            try {
                c.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static final class SortedMerge implements RowSource {
        private final List<NodeCursor> cursors;
        private final Comparator<Object[]> order;
        private final PriorityQueue<NodeCursor> heads;
        private boolean started;

        SortedMerge(List<NodeCursor> cursors, Comparator<Object[]> order) {
            this.cursors = cursors;
            this.order = order;
            // Ties go to the lower node index, so the merged order is deterministic.
            Comparator<NodeCursor> byHead = (a, b) -> {
                int c = order.compare(a.row(), b.row());
                return c != 0 ? c : Integer.compare(a.nodeIndex, b.nodeIndex);
            };
            this.heads = new PriorityQueue<>(Math.max(1, cursors.size()), byHead);
        }

        @Override
        public Object[] next() throws SQLException {
            if (!started) {
                started = true;
                for (NodeCursor c : cursors) {
                    if (c.advance()) {
                        heads.add(c);
                    }
                }
            }
            NodeCursor top = heads.poll();
            if (top == null) {
                return null;
            }
            Object[] row = top.row();
            if (top.advance()) {
                if (order.compare(row, top.row()) > 0) {
                    // The node sorted differently from how we compare: merging on would interleave the nodes'
                    // rows in a wrong order without anyone noticing. Typical cause: a linguistic or
                    // case-insensitive collation on the node (PostgreSQL en_US, MySQL *_ci).
                    throw new SQLException("cannot merge the nodes' sorted results: node #" + (top.nodeIndex + 1)
                            + " returned its rows in an order that differs from Shardwise's comparison (strings by"
                            + " code point, numbers by value, NULLs where the ORDER BY puts them), typically because"
                            + " of the node's collation. Sort strings with a binary collation (e.g. COLLATE \"C\" on"
                            + " PostgreSQL, a *_bin collation on MySQL/MariaDB), or pin the query to one node.",
                            "0A000");
                }
                heads.add(top);
            }
            return row;
        }

        @Override
        public void close() throws SQLException {
            heads.clear();
            closeAll(cursors);
        }
    }

    private static final class Concatenation implements RowSource {
        private final List<NodeCursor> cursors;
        private int at;

        Concatenation(List<NodeCursor> cursors) {
            this.cursors = cursors;
        }

        @Override
        public Object[] next() throws SQLException {
            while (at < cursors.size()) {
                NodeCursor c = cursors.get(at);
                if (c.advance()) {
                    return c.row();
                }
                at++;
            }
            return null;
        }

        @Override
        public void close() throws SQLException {
            at = cursors.size();
            closeAll(cursors);
        }
    }
}
