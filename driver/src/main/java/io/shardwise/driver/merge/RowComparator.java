package io.shardwise.driver.merge;

import io.shardwise.router.plan.MergeSpec.SortKey;

import java.util.Comparator;
import java.util.List;

/** Orders merged rows (node column arrays) by a statement's ORDER BY keys, with each key's null placement. */
final class RowComparator implements Comparator<Object[]> {

    private final int[] columns;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    RowComparator(List<SortKey> keys) {
        int n = keys.size();
        columns = new int[n];
        descending = new boolean[n];
        nullsFirst = new boolean[n];
        for (int i = 0; i < n; i++) {
            SortKey k = keys.get(i);
            columns[i] = k.column();
            descending[i] = k.descending();
            nullsFirst[i] = k.nullsFirst();
        }
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < columns.length; i++) {
            Object x = a[columns[i]];
            Object y = b[columns[i]];
            int c;
            if (x == null || y == null) {
                if (x == y) {
                    continue;
                }
                // nullsFirst is the final placement, independent of the direction.
                c = (x == null) == nullsFirst[i] ? -1 : 1;
                return c;
            }
            c = ValueComparator.INSTANCE.compare(x, y);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }

    /** Whether equal keys imply equal visible rows, so duplicates of a sorted stream are adjacent. */
    boolean coversColumns(int visibleColumns) {
        boolean[] seen = new boolean[visibleColumns];
        int covered = 0;
        for (int c : columns) {
            if (c < visibleColumns && !seen[c]) {
                seen[c] = true;
                covered++;
            }
        }
        return covered == visibleColumns;
    }
}
