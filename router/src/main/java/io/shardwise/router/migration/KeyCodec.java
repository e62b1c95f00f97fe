package io.shardwise.router.migration;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A shard-key value in a form that survives a round trip through the change queue's text columns and binds back
 * to a statement as the same value. Integral numbers of any Java type collapse to one canonical form, so the key
 * {@code 7} bound as an Integer by one writer and as a Long by another is one key for catch-up.
 *
 * <p>Kinds: {@code L} long, {@code D} decimal, {@code S} string, {@code U} UUID, {@code B} bytes (hex).
 */
public record KeyCodec(char kind, String text) {

    /** The canonical encoding of a key value taken from a JDBC parameter or result set. */
    public static KeyCodec of(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("a shard key value cannot be NULL");
        }
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return new KeyCodec('L', Long.toString(((Number) key).longValue()));
        }
        if (key instanceof BigInteger b) {
            return b.bitLength() < 64 ? new KeyCodec('L', b.toString()) : new KeyCodec('D', b.toString());
        }
        if (key instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() < 19) {
                return new KeyCodec('L', Long.toString(s.longValueExact()));
            }
            return new KeyCodec('D', s.toPlainString());
        }
        if (key instanceof UUID u) {
            return new KeyCodec('U', u.toString());
        }
        if (key instanceof byte[] b) {
            return new KeyCodec('B', HexFormat.of().formatHex(b));
        }
        return new KeyCodec('S', key.toString());
    }

    /** Reads back a key stored by {@link #kind()} and {@link #text()}. */
    public static KeyCodec decode(String kind, String text) {
        if (kind == null || kind.length() != 1 || "LDSUB".indexOf(kind.charAt(0)) < 0) {
            throw new IllegalArgumentException("unknown key kind " + kind);
        }
        return new KeyCodec(kind.charAt(0), text);
    }

    /** The key as a Java value, the type a JDBC driver binds as the original column type. */
    public Object value() {
        return switch (kind) {
            case 'L' -> Long.parseLong(text);
            case 'D' -> new BigDecimal(text);
            case 'U' -> UUID.fromString(text);
            case 'B' -> HexFormat.of().parseHex(text);
            default -> text;
        };
    }

    public void bind(PreparedStatement ps, int index) throws SQLException {
        ps.setObject(index, value());
    }

    public String kindString() {
        return String.valueOf(kind);
    }

    @Override
    public String toString() {
        return text;
    }
}
