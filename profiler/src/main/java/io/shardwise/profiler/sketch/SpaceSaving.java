package io.shardwise.profiler.sketch;

import java.util.Arrays;

/**
 * The Space-Saving heavy-hitter sketch (Metwally, Agrawal, El Abbadi 2005) over {@code long} keys, with a read
 * and a write counter per monitored key and an optional reference to the application's key object for display,
 * and a filter in front of it (in the spirit of Homem and Carvalho's Filtered Space-Saving) so that the long tail
 * of cold keys costs one counter increment instead of an eviction.
 *
 * <p>At most {@code k} keys are monitored, with the smallest count {@code mu}. A key not monitored first adds its
 * weight to a filter cell {@code alpha[h(key)]} (one of {@code 16 k} cells), as long as that keeps the cell at most
 * {@code mu}; otherwise it replaces the key with the smallest count, with count {@code alpha + weight} and error
 * {@code alpha}, and the evicted key's cell is raised to {@code mu}. Invariants: every unmonitored key's true count
 * is at most its cell ({@code alpha} only grows, and a key leaving the summary raises its cell to its count), and
 * every cell is at most {@code mu} (so at admission {@code alpha = mu}, as in plain Space-Saving). The summary thus
 * evolves like Space-Saving over the arrivals that were not filtered, and with {@code N} the total weight offered:
 * <ul>
 *   <li>for a monitored key, {@code count - error <= true count <= count};</li>
 *   <li>{@code error <= mu <= N / k} (the monitored counts sum to at most N), so every estimate overestimates by
 *       at most {@code N / k};</li>
 *   <li>every key whose true count exceeds {@code N / k} is monitored (an unmonitored key's count is at most its
 *       cell, at most {@code mu}).</li>
 * </ul>
 *
 * <p>Allocation-free after construction: keys live in an open-addressing table of primitive arrays and a
 * min-heap of entry indices ordered by count, so an admission costs a hash probe and O(log k) swaps, a filtered
 * arrival one probe and one increment. Not thread-safe: callers (the recorder's stripes) guard it.
 */
public final class SpaceSaving {
    private static final int EMPTY = -1;

    private final int capacity;
    private final long[] keys;
    private final long[] counts;
    private final long[] errors;
    private final long[] reads;
    private final long[] writes;
    private final Object[] values;
    private final int[] heap;      // heap position -> entry
    private final int[] heapPos;   // entry -> heap position
    private final int[] table;     // hash slot -> entry, EMPTY if free
    private final int tableMask;
    private final long[] filter;   // alpha: upper bound of the count of every unmonitored key hashing to the cell
    private final int filterMask;
    private int size;
    private long total;

    public SpaceSaving(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Space-Saving capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        keys = new long[capacity];
        counts = new long[capacity];
        errors = new long[capacity];
        reads = new long[capacity];
        writes = new long[capacity];
        values = new Object[capacity];
        heap = new int[capacity];
        heapPos = new int[capacity];
        int tableSize = Integer.highestOneBit(Math.max(4, capacity * 4 - 1)) << 1;
        table = new int[tableSize];
        tableMask = tableSize - 1;
        Arrays.fill(table, EMPTY);
        int filterSize = Integer.highestOneBit(Math.max(16, capacity * 16) * 2 - 1);
        filter = new long[filterSize];
        filterMask = filterSize - 1;
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    /** Total weight offered since the last {@link #clear()}. */
    public long total() {
        return total;
    }

    /** Offers one read or write of {@code key}. */
    public void offer(long key, Object value, boolean write) {
        offer(key, value, write ? 0 : 1, write ? 1 : 0, 0);
    }

    /**
     * Offers {@code readCount + writeCount} occurrences of {@code key}, of which up to {@code extraError} may be
     * overestimate already (used when merging summaries). Returns the key's entry, or -1 when the filter absorbed it.
     */
    public int offer(long key, Object value, long readCount, long writeCount, long extraError) {
        long weight = readCount + writeCount;
        total += weight;
        int entry = find(key);
        if (entry == EMPTY) {
            if (size < capacity) {
                entry = size++;
                counts[entry] = 0;
                errors[entry] = 0;
                heap[entry] = entry;
                heapPos[entry] = entry;
                siftUp(entry);
            } else {
                int cell = cellOf(key);
                long alpha = filter[cell];
                long mu = counts[heap[0]];
                if (alpha + weight <= mu) {
                    filter[cell] = alpha + weight; // filtered: the cell still bounds this key's count
                    return -1;
                }
                entry = heap[0];
                long evicted = keys[entry];
                removeFromTable(evicted);
                int evictedCell = cellOf(evicted);
                filter[evictedCell] = Math.max(filter[evictedCell], mu);
                counts[entry] = alpha;
                errors[entry] = alpha;
            }
            keys[entry] = key;
            reads[entry] = 0;
            writes[entry] = 0;
            values[entry] = value;
            insertIntoTable(key, entry);
        } else if (values[entry] == null) {
            values[entry] = value;
        }
        counts[entry] += weight;
        errors[entry] += extraError;
        reads[entry] += readCount;
        writes[entry] += writeCount;
        siftDown(heapPos[entry]);
        return entry;
    }

    /** Entry index of a monitored key (stable until the key is evicted), or -1. */
    public int entryOf(long key) {
        return find(key);
    }

    /** Smallest monitored count, 0 while fewer than {@code k} keys are monitored: the bound for unmonitored keys. */
    public long minCount() {
        return size < capacity ? 0 : counts[heap[0]];
    }

    /** Estimated count of {@code key}: its counter if monitored, else its filter cell (an upper bound, at most {@link #minCount()}). */
    public long estimate(long key) {
        int entry = find(key);
        return entry == EMPTY ? (size < capacity ? 0 : filter[cellOf(key)]) : counts[entry];
    }

    public boolean isMonitored(long key) {
        return find(key) != EMPTY;
    }

    /** The monitored keys, heaviest first (allocates: for the roller, not the hot path). */
    public HeavyKey[] snapshot() {
        HeavyKey[] out = new HeavyKey[size];
        for (int i = 0; i < size; i++) {
            out[i] = new HeavyKey(keys[i], values[i], counts[i], errors[i], reads[i], writes[i]);
        }
        Arrays.sort(out, HeavyKey.HEAVIEST_FIRST);
        return out;
    }

    public void clear() {
        Arrays.fill(table, EMPTY);
        Arrays.fill(filter, 0);
        Arrays.fill(values, null);
        size = 0;
        total = 0;
    }

    private int find(long key) {
        int slot = slotOf(key);
        while (true) {
            int entry = table[slot];
            if (entry == EMPTY) {
                return EMPTY;
            }
            if (keys[entry] == key) {
                return entry;
            }
            slot = (slot + 1) & tableMask;
        }
    }

    private void insertIntoTable(long key, int entry) {
        int slot = slotOf(key);
        while (table[slot] != EMPTY) {
            slot = (slot + 1) & tableMask;
        }
        table[slot] = entry;
    }

    /** Linear-probing delete with backward shift, so no tombstones accumulate. */
    private void removeFromTable(long key) {
        int slot = slotOf(key);
        while (keys[table[slot]] != key) {
            slot = (slot + 1) & tableMask;
        }
        int hole = slot;
        int next = (hole + 1) & tableMask;
        while (table[next] != EMPTY) {
            int home = slotOf(keys[table[next]]);
            // move the entry back if its home slot is not cyclically within (hole, next]
            boolean stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
            if (!stays) {
                table[hole] = table[next];
                hole = next;
            }
            next = (next + 1) & tableMask;
        }
        table[hole] = EMPTY;
    }

    /** The filter cell: other bits of another mix than the table's slot, so colliding slots do not share cells. */
    private int cellOf(long key) {
        long h = key * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 40) & filterMask;
    }

    private int slotOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & tableMask;
    }

    private void siftUp(int pos) {
        int entry = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (counts[heap[parent]] <= counts[entry]) {
                break;
            }
            place(heap[parent], pos);
            pos = parent;
        }
        place(entry, pos);
    }

    private void siftDown(int pos) {
        int entry = heap[pos];
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && counts[heap[right]] < counts[heap[child]]) {
                child = right;
            }
            if (counts[entry] <= counts[heap[child]]) {
                break;
            }
            place(heap[child], pos);
            pos = child;
        }
        place(entry, pos);
    }

    private void place(int entry, int pos) {
        heap[pos] = entry;
        heapPos[entry] = pos;
    }
}
