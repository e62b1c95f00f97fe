package io.shardwise.driver.differential;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

/** The two tables of the differential workload: one in a hash-sharded group, one in a range-sharded group. */
final class Schema {

    static final String HASH_TABLE = "accounts";
    static final String RANGE_TABLE = "events";
    static final List<String> TABLES = List.of(HASH_TABLE, RANGE_TABLE);

    /** Keys live in [1, KEY_SPACE); the range group splits them into 8 equal shards. */
    static final long KEY_SPACE = 1_000_000;
    static final int RANGE_SHARDS = 8;
    static final int HASH_SHARDS = 8;

    static final List<String> COLUMNS = List.of("id", "grp", "n", "big", "amount", "ratio", "opened", "ts", "note",
            "flag");

    /** Columns an ORDER BY may name (every type the merge comparator must order like H2). */
    static final List<String> SORTABLE = List.of("grp", "n", "big", "amount", "ratio", "opened", "ts", "note", "flag");

    private Schema() {
    }

    static String createTable(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, grp VARCHAR(8), n INT, big BIGINT,"
                + " amount DECIMAL(12,2), ratio DOUBLE PRECISION, opened DATE, ts TIMESTAMP, note VARCHAR(20),"
                + " flag BOOLEAN)";
    }

    static String splitPoints() {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < RANGE_SHARDS; i++) {
            if (i > 1) {
                s.append(',');
            }
            s.append(KEY_SPACE / RANGE_SHARDS * i);
        }
        return s.toString();
    }

    /** A SQL literal for a generated value. */
    static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return d.toString().contains("E") ? new BigDecimal(d).toPlainString() : d.toString();
        }
        if (v instanceof Date d) {
            return "DATE '" + d + "'";
        }
        if (v instanceof Timestamp t) {
            return "TIMESTAMP '" + t + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return v.toString();
    }
}
