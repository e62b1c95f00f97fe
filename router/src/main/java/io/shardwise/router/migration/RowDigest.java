package io.shardwise.router.migration;

import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An order-independent fingerprint of a multiset of rows: the row count and the wrapping sum of a 64-bit hash of
 * each row. Two nodes hold the same rows of a range exactly when (with overwhelming probability) their digests are
 * equal, whatever order the rows were read in. Values are canonicalised first, so the same number read as INTEGER
 * on one node and BIGINT on the other hashes alike.
 */
public final class RowDigest {
    private long count;
    private long sum;

    public void add(Object[] row) throws SQLException {
        long h = 0xcbf29ce484222325L;
        for (Object v : row) {
            h = mix(h, canonical(v));
            h = (h ^ 0x1f) * 0x100000001b3L;
        }
        count++;
        sum += finish(h);
    }

    public void addAll(RowDigest other) {
        count += other.count;
        sum += other.sum;
    }

    public long count() {
        return count;
    }

    public long checksum() {
        return sum;
    }

    private static String canonical(Object v) throws SQLException {
        if (v == null) {
            return "\u0000null";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Long.toString(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (v instanceof Clob c) {
            return c.getSubString(1, (int) c.length());
        }
        if (v instanceof Blob b) {
            return HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
        }
        return v.toString();
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowDigest d && d.count == count && d.sum == sum;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count * 31 + sum);
    }

    @Override
    public String toString() {
        return count + " rows, checksum " + Long.toHexString(sum);
    }
}
