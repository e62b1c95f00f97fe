package io.shardwise.router.topology;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Maps a shard-key value to its key point, the {@code long} that shards are cut on.
 *
 * <p>{@link ShardingStrategy#HASH}: a non-negative 63-bit hash of the value's canonical form, so the hash space is
 * {@code [0, Long.MAX_VALUE]}.
 * <ul>
 *   <li>Integral numbers ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}, a
 *       {@code BigDecimal} whose value is a whole number, a {@code Float}/{@code Double} holding a whole number)
 *       all hash as the same 64-bit integer: {@code 5}, {@code 5L}, {@code new BigDecimal("5")},
 *       {@code new BigDecimal("5.00")} and the SQL literal {@code 5} share one point. Whole numbers beyond the
 *       64-bit range hash by their decimal digits.</li>
 *   <li>{@code String} (and {@code Character}) hash by their UTF-8 bytes; {@code byte[]} by its bytes; {@code UUID}
 *       by its 16 big-endian bytes. A string is never equal to a number: {@code '5'} and {@code 5} may land on
 *       different shards, so bind the key with the column's own type.</li>
 *   <li>Anything else (booleans, fractional numbers, dates and times, ...) is refused with an SQLException: such a
 *       value has no canonical form that every way of binding it would agree on.</li>
 * </ul>
 *
 * <p>{@link ShardingStrategy#RANGE}: the integral value itself, over {@code [Long.MIN_VALUE, Long.MAX_VALUE]}; any
 * other value is refused.
 *
 * <p>Neither path allocates for boxed integral values, strings or scale-0 decimals: this runs for every statement.
 */
public final class KeyPoints {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long INTEGRAL_SEED = 0x5bd1e9955bd1e995L;

    private KeyPoints() {
    }

    /** The point of {@code value} under {@code strategy}. {@code value} must not be null. */
    public static long point(ShardingStrategy strategy, Object value) throws SQLException {
        return strategy == ShardingStrategy.HASH ? hashPoint(value) : rangePoint(value);
    }

    /** The smallest point of a group's key space. */
    public static long minPoint(ShardingStrategy strategy) {
        return strategy == ShardingStrategy.HASH ? 0L : Long.MIN_VALUE;
    }

    public static long hashPoint(Object value) throws SQLException {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return hashLong(((Number) value).longValue());
        }
        if (value instanceof String s) {
            return hashString(s);
        }
        if (value instanceof BigDecimal d) {
            BigDecimal whole = wholeOrNull(d);
            if (whole == null) {
                throw unsupported(value, "a fractional number");
            }
            if (whole.scale() <= 0 && whole.precision() - whole.scale() <= 18) {
                return hashLong(whole.longValueExact());
            }
            return fitsLong(whole) ? hashLong(whole.longValueExact()) : hashString(whole.toBigInteger().toString());
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? hashLong(b.longValue()) : hashString(b.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            return hashLong(wholeDouble(((Number) value).doubleValue(), value));
        }
        if (value instanceof Character c) {
            return hashString(String.valueOf(c.charValue()));
        }
        if (value instanceof byte[] bytes) {
            long h = FNV_OFFSET;
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
            return finish(h);
        }
        if (value instanceof UUID u) {
            long h = FNV_OFFSET;
            h = mixBytes(h, u.getMostSignificantBits());
            h = mixBytes(h, u.getLeastSignificantBits());
            return finish(h);
        }
        throw unsupported(value, null);
    }

    public static long rangePoint(Object value) throws SQLException {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
            BigDecimal whole = wholeOrNull(d);
            if (whole == null || !fitsLong(whole)) {
                throw notRangeKey(value);
            }
            return whole.longValueExact();
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() >= 64) {
                throw notRangeKey(value);
            }
            return b.longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (v != Math.rint(v) || Double.isInfinite(v) || Math.abs(v) >= 0x1p63) {
                throw notRangeKey(value);
            }
            return (long) v;
        }
        throw notRangeKey(value);
    }

    /** The hash point of an integral value (the canonical form of every integral number). */
    public static long hashLong(long v) {
        long h = v ^ INTEGRAL_SEED;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    /** The hash point of a string: FNV-1a over its UTF-8 bytes, encoded on the fly (no byte[] is made). */
    public static long hashString(String s) {
        long h = FNV_OFFSET;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            int c = s.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * FNV_PRIME;
            } else if (c < 0x800) {
                h = (h ^ (0xc0 | (c >> 6))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
            } else {
                if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint((char) c, s.charAt(++i));
                    h = (h ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
                    h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
                    h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
                    h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
                    continue;
                }
                if (Character.isSurrogate((char) c)) {
                    c = '?'; // an unpaired surrogate encodes as '?' in Java's UTF-8 encoder too
                    h = (h ^ c) * FNV_PRIME;
                    continue;
                }
                h = (h ^ (0xe0 | (c >> 12))) * FNV_PRIME;
                h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
            }
        }
        return finish(h);
    }

    private static long mixBytes(long h, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            h = (h ^ ((v >>> shift) & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    /** FNV-1a's low bits are weak; a final avalanche spreads every input byte over the 63 bits we keep. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }

    private static BigDecimal wholeOrNull(BigDecimal d) {
        if (d.scale() <= 0) {
            return d;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped : null;
    }

    private static boolean fitsLong(BigDecimal whole) {
        return whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    private static long wholeDouble(double v, Object original) throws SQLException {
        if (v != Math.rint(v) || Double.isInfinite(v) || Math.abs(v) >= 0x1p63) {
            throw unsupported(original, "a fractional or out-of-range floating-point number");
        }
        return (long) v;
    }

    private static SQLException unsupported(Object value, String what) {
        String type = value.getClass().getSimpleName();
        return new SQLException("A shard key value of type " + type
                + (what == null ? "" : " (" + what + ")")
                + " cannot be hashed: use an integral number, a string, a UUID or bytes as the shard key", "22023");
    }

    private static SQLException notRangeKey(Object value) {
        return new SQLException("A range-sharded group needs integral shard key values within the 64-bit range, but"
                + " got a " + value.getClass().getSimpleName() + ": bind the key as an integer, or use strategy=hash",
                "22023");
    }
}
