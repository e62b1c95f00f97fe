package io.shardwise.router.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The few places where the migration engine's SQL differs between the backends we support, read from the
 * connection's own metadata: identifier quoting and case folding, row locks for the fence, and lock timeouts.
 */
public enum NodeDialect {
    H2, POSTGRESQL, MYSQL, OTHER;

    public static NodeDialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        return OTHER;
    }

    /**
     * A shared row lock. H2 (2.x) has no shared row lock ({@code FOR SHARE} does not parse), so the fence on H2 is
     * striped: a writer locks one of several fence rows exclusively and the cutover locks them all (see Fence).
     */
    public String shareLockClause() {
        return switch (this) {
            case POSTGRESQL -> " FOR SHARE";
            case MYSQL -> " LOCK IN SHARE MODE";
            default -> " FOR UPDATE";
        };
    }

    public boolean hasSharedRowLocks() {
        return this == POSTGRESQL || this == MYSQL;
    }

    /** Bounds how long the statements of this connection wait for a row lock. */
    public void setLockTimeout(Connection c, long millis) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (this) {
                case H2 -> s.execute("SET LOCK_TIMEOUT " + millis);
                case POSTGRESQL -> s.execute("SET lock_timeout = " + millis);
                case MYSQL -> s.execute("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (millis + 999) / 1000));
                default -> s.setQueryTimeout((int) Math.max(1, (millis + 999) / 1000));
            }
        }
    }

    /** Restores the backend's default lock wait on a pooled connection. */
    public void resetLockTimeout(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (this) {
                case H2 -> s.execute("SET LOCK_TIMEOUT 10000");
                case POSTGRESQL -> s.execute("SET lock_timeout = 0");
                case MYSQL -> s.execute("SET SESSION innodb_lock_wait_timeout = 50");
                default -> { }
            }
        }
    }

    /**
     * Quotes an identifier read from a source node's metadata for use on a node of this dialect, keeping its
     * meaning: a name in the source's folded case (H2 upper, PostgreSQL lower) is re-folded for this node, so a
     * table created unquoted on one backend is still reachable unquoted on the other.
     */
    public String quote(Connection c, String name, NodeDialect sourceDialect) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String n = name;
        boolean sourceUpper = sourceDialect == H2;
        boolean sourceLower = sourceDialect == POSTGRESQL;
        if (sourceUpper && n.equals(n.toUpperCase(Locale.ROOT)) && md.storesLowerCaseIdentifiers()) {
            n = n.toLowerCase(Locale.ROOT);
        } else if (sourceLower && n.equals(n.toLowerCase(Locale.ROOT)) && md.storesUpperCaseIdentifiers()) {
            n = n.toUpperCase(Locale.ROOT);
        }
        String q = md.getIdentifierQuoteString();
        if (q == null || q.isBlank()) {
            return n;
        }
        q = q.trim();
        return q + n.replace(q, q + q) + q;
    }
}
