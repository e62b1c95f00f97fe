package io.shardwise.router.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A set of key points: everything, or a union of disjoint closed intervals {@code [lo, hi]} in ascending order.
 * What a WHERE clause allows the shard key to be, once its values are bound.
 */
final class PointSet {
    static final PointSet ALL = new PointSet(null, null);
    static final PointSet EMPTY = new PointSet(new long[0], new long[0]);

    private final long[] los;
    private final long[] his;

    private PointSet(long[] los, long[] his) {
        this.los = los;
        this.his = his;
    }

    static PointSet point(long p) {
        return new PointSet(new long[] {p}, new long[] {p});
    }

    static PointSet interval(long lo, long hi) {
        return lo > hi ? EMPTY : new PointSet(new long[] {lo}, new long[] {hi});
    }

    static PointSet points(long[] points, int n) {
        long[] sorted = Arrays.copyOf(points, n);
        Arrays.sort(sorted);
        List<long[]> iv = new ArrayList<>();
        for (long p : sorted) {
            if (iv.isEmpty() || iv.get(iv.size() - 1)[1] != p) {
                iv.add(new long[] {p, p});
            }
        }
        return of(iv);
    }

    boolean isAll() {
        return los == null;
    }

    boolean isEmpty() {
        return los != null && los.length == 0;
    }

    int size() {
        return los.length;
    }

    long lo(int i) {
        return los[i];
    }

    long hi(int i) {
        return his[i];
    }

    PointSet union(PointSet o) {
        if (isAll() || o.isAll()) {
            return ALL;
        }
        List<long[]> all = new ArrayList<>();
        for (int i = 0; i < los.length; i++) {
            all.add(new long[] {los[i], his[i]});
        }
        for (int i = 0; i < o.los.length; i++) {
            all.add(new long[] {o.los[i], o.his[i]});
        }
        all.sort(Comparator.comparingLong(a -> a[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] iv : all) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (iv[0] <= last[1] || (last[1] != Long.MAX_VALUE && iv[0] == last[1] + 1))) {
                last[1] = Math.max(last[1], iv[1]);
            } else {
                merged.add(iv.clone());
            }
        }
        return of(merged);
    }

    PointSet intersect(PointSet o) {
        if (isAll()) {
            return o;
        }
        if (o.isAll()) {
            return this;
        }
        List<long[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < los.length && j < o.los.length) {
            long lo = Math.max(los[i], o.los[j]);
            long hi = Math.min(his[i], o.his[j]);
            if (lo <= hi) {
                out.add(new long[] {lo, hi});
            }
            if (his[i] < o.his[j]) {
                i++;
            } else {
                j++;
            }
        }
        return of(out);
    }

    private static PointSet of(List<long[]> intervals) {
        long[] l = new long[intervals.size()];
        long[] h = new long[intervals.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = intervals.get(i)[0];
            h[i] = intervals.get(i)[1];
        }
        return new PointSet(l, h);
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "ALL";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < los.length; i++) {
            b.append(i == 0 ? "" : ", ").append('[').append(los[i]).append(", ").append(his[i]).append(']');
        }
        return b.append('}').toString();
    }
}
