package io.shardwise.profiler.record;

/**
 * The key points one transaction touched, collected by the caller (one instance per connection, reused for
 * every transaction) and handed to the profiler when the transaction ends. Keeps the first {@link #CAPACITY}
 * distinct points; a transaction touching more is recorded from those (its co-access is mostly about them).
 * Not thread-safe: a connection is used by one thread at a time.
 */
public final class TransactionKeys {
    public static final int CAPACITY = 8;

    private final int[] groups = new int[CAPACITY];
    private final long[] points = new long[CAPACITY];
    private int size;

    /** Notes that the current transaction touched {@code keyPoint} of {@code groupId}; duplicates are ignored. */
    public void add(int groupId, long keyPoint) {
        for (int i = 0; i < size; i++) {
            if (points[i] == keyPoint && groups[i] == groupId) {
                return;
            }
        }
        if (size < CAPACITY) {
            groups[size] = groupId;
            points[size] = keyPoint;
            size++;
        }
    }

    public int size() {
        return size;
    }

    public int group(int i) {
        return groups[i];
    }

    public long point(int i) {
        return points[i];
    }

    public void clear() {
        size = 0;
    }
}
