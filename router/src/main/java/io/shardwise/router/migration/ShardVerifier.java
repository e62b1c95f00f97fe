package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a shard's rows on the source and the target: per table and per key range (bucket), the row count and
 * an order-independent checksum ({@link RowDigest}). Reads go through the same keyset pagination as the copy, so
 * verification is a series of short reads too. {@link #verifyKeys} compares exactly the rows of given keys.
 */
public final class ShardVerifier {
    private final int buckets;
    private final int batchKeys;

    public ShardVerifier(int buckets, int batchKeys) {
        this.buckets = Math.max(1, buckets);
        this.batchKeys = batchKeys;
    }

    /** What a comparison found: rows on each side and the (table, bucket) ranges or keys that differ. */
    public record Result(long sourceRows, long targetRows, long sourceChecksum, long targetChecksum,
                         List<String> mismatches, Set<Range> mismatchedRanges, Set<KeyCodec> mismatchedKeys) {
        public boolean matches() {
            return mismatches.isEmpty();
        }
    }

    /** One key range of one table. */
    public record Range(String table, int bucket) {
    }

    /** Compares every range of every table, or only the ranges in {@code only} when it is not null. */
    public Result verify(ShardSlice slice, ShardTables tables, Connection source, Connection target, Set<Range> only)
            throws SQLException {
        long sourceRows = 0;
        long targetRows = 0;
        long sourceSum = 0;
        long targetSum = 0;
        List<String> mismatches = new ArrayList<>();
        Set<Range> bad = new HashSet<>();
        for (ShardTables.Pair pair : tables.pairs()) {
            String t = pair.table().name();
            Set<Integer> wanted = null;
            if (only != null) {
                wanted = new TreeSet<>();
                for (Range r : only) {
                    if (r.table().equals(t)) {
                        wanted.add(r.bucket());
                    }
                }
                if (wanted.isEmpty()) {
                    continue;
                }
            }
            Map<Integer, RowDigest> a = digest(slice, pair.onSource(), source, wanted);
            Map<Integer, RowDigest> b = digest(slice, pair.onTarget(), target, wanted);
            Set<Integer> all = new TreeSet<>(a.keySet());
            all.addAll(b.keySet());
            for (int bucket : all) {
                RowDigest da = a.getOrDefault(bucket, new RowDigest());
                RowDigest db = b.getOrDefault(bucket, new RowDigest());
                sourceRows += da.count();
                targetRows += db.count();
                sourceSum += da.checksum();
                targetSum += db.checksum();
                if (!da.equals(db)) {
                    bad.add(new Range(t, bucket));
                    mismatches.add(t + " key range " + bucket + "/" + buckets + ": source " + da + ", target " + db);
                }
            }
        }
        return new Result(sourceRows, targetRows, sourceSum, targetSum, mismatches, bad, Set.of());
    }

    /** Compares exactly the rows of the given keys in every table. */
    public Result verifyKeys(ShardTables tables, Connection source, Connection target, Collection<KeyCodec> keys)
            throws SQLException {
        List<String> mismatches = new ArrayList<>();
        Set<KeyCodec> bad = new HashSet<>();
        long sourceRows = 0;
        long targetRows = 0;
        List<KeyCodec> all = new ArrayList<>(keys);
        for (ShardTables.Pair pair : tables.pairs()) {
            for (int from = 0; from < all.size(); from += batchKeys) {
                List<KeyCodec> batch = all.subList(from, Math.min(all.size(), from + batchKeys));
                List<Object> values = new ArrayList<>(batch.size());
                for (KeyCodec k : batch) {
                    values.add(k.value());
                }
                Map<KeyCodec, RowDigest> a = byKey(pair.onSource(), pair.onSource().rowsOf(source, values));
                Map<KeyCodec, RowDigest> b = byKey(pair.onTarget(), pair.onTarget().rowsOf(target, values));
                for (KeyCodec key : batch) {
                    RowDigest da = a.getOrDefault(key, new RowDigest());
                    RowDigest db = b.getOrDefault(key, new RowDigest());
                    sourceRows += da.count();
                    targetRows += db.count();
                    if (!da.equals(db)) {
                        bad.add(key);
                        mismatches.add(pair.table().name() + " key " + key + ": source " + da + ", target " + db);
                    }
                }
            }
        }
        return new Result(sourceRows, targetRows, 0, 0, mismatches, Set.of(), bad);
    }

    /**
     * The keys whose rows differ between source and target within the given key ranges: a range-level mismatch
     * narrowed down to keys, so that only those keys need comparing again later (and under the cutover's freeze).
     */
    public Set<KeyCodec> mismatchedKeysIn(ShardSlice slice, ShardTables tables, Connection source, Connection target,
                                         Set<Range> ranges) throws SQLException {
        Set<KeyCodec> keys = new java.util.LinkedHashSet<>();
        for (ShardTables.Pair pair : tables.pairs()) {
            Set<Integer> wanted = new TreeSet<>();
            for (Range r : ranges) {
                if (r.table().equals(pair.table().name())) {
                    wanted.add(r.bucket());
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            for (Connection c : new Connection[] {source, target}) {
                ShardTableSql sql = c == source ? pair.onSource() : pair.onTarget();
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(true);
                try {
                    sql.forEachKeyBatch(c, batchKeys,
                            k -> wanted.contains(slice.bucketOf(slice.keyPoints().point(k), buckets)),
                            batch -> batch.forEach(k -> keys.add(KeyCodec.of(k))));
                } finally {
                    ShardCopier.restore(c, auto);
                }
            }
        }
        return verifyKeys(tables, source, target, keys).mismatchedKeys();
    }

    /** The digest of the shard's rows on one node alone (SHARDWISE VERIFY SHARD on a shard that is not moving). */
    public RowDigest digestAll(ShardSlice slice, List<ShardTableSql> tables, Connection c) throws SQLException {
        RowDigest total = new RowDigest();
        for (ShardTableSql t : tables) {
            for (RowDigest d : digest(slice, t, c, null).values()) {
                total.addAll(d);
            }
        }
        return total;
    }

    private Map<Integer, RowDigest> digest(ShardSlice slice, ShardTableSql table, Connection c, Set<Integer> wanted)
            throws SQLException {
        Map<Integer, RowDigest> out = new TreeMap<>();
        int keyIndex = table.keyColumnIndex();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            if (wanted != null && slice.keysAreRange()) {
                for (int bucket : wanted) {
                    long[] bounds = slice.bucketBounds(bucket, buckets);
                    table.forEachKeyBatch(c, batchKeys, bounds[0], bounds[1],
                            k -> slice.bucketOf(slice.keyPoints().point(k), buckets) == bucket,
                            keys -> add(slice, table.rowsOf(c, keys), keyIndex, out));
                }
            } else {
                table.forEachKeyBatch(c, batchKeys,
                        wanted == null ? null : k -> wanted.contains(slice.bucketOf(slice.keyPoints().point(k), buckets)),
                        keys -> add(slice, table.rowsOf(c, keys), keyIndex, out));
            }
        } finally {
            ShardCopier.restore(c, auto);
        }
        return out;
    }

    private void add(ShardSlice slice, List<Object[]> rows, int keyIndex, Map<Integer, RowDigest> out)
            throws SQLException {
        for (Object[] row : rows) {
            int bucket = slice.bucketOf(slice.keyPoints().point(row[keyIndex]), buckets);
            out.computeIfAbsent(bucket, x -> new RowDigest()).add(row);
        }
    }

    private static Map<KeyCodec, RowDigest> byKey(ShardTableSql table, List<Object[]> rows) throws SQLException {
        Map<KeyCodec, RowDigest> out = new HashMap<>();
        for (Object[] row : rows) {
            out.computeIfAbsent(KeyCodec.of(row[table.keyColumnIndex()]), x -> new RowDigest()).add(row);
        }
        return out;
    }
}
