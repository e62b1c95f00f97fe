package io.shardwise.driver.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;

/**
 * Transaction and session statements sent as SQL ({@code BEGIN}, {@code COMMIT}, {@code SET TRANSACTION ...}):
 * they change the logical connection, so they map to its methods instead of going to one node, where they would
 * change one physical connection and leave the others behind. Recognised by a cheap prefix check before any
 * parsing.
 */
final class SessionCommand {
    private SessionCommand() {
    }

    private static final String[] FIRST_WORDS = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SET", "SAVEPOINT",
        "RELEASE"};

    /** Whether the text starts with a session command's first word: no allocation, no regex. */
    static boolean mayBe(String sql) {
        int i = firstNonSpace(sql);
        if (i >= sql.length()) {
            return false;
        }
        char c = Character.toUpperCase(sql.charAt(i));
        if (c != 'B' && c != 'C' && c != 'R' && c != 'S' && c != 'E') {
            return false;
        }
        for (String w : FIRST_WORDS) {
            int end = i + w.length();
            if (sql.regionMatches(true, i, w, 0, w.length())
                    && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies the command to the connection, or returns false when the text is not a session command (then it is
     * an ordinary statement).
     */
    static boolean apply(String sql, LogicalConnection conn) throws SQLException {
        String words = normalise(sql);
        switch (words) {
            case "BEGIN", "BEGIN TRANSACTION", "BEGIN WORK", "START TRANSACTION" -> {
                conn.beginFromSql();
                return true;
            }
            case "COMMIT", "COMMIT WORK", "COMMIT TRANSACTION", "END", "END TRANSACTION" -> {
                conn.commit();
                return true;
            }
            case "ROLLBACK", "ROLLBACK WORK", "ROLLBACK TRANSACTION" -> {
                conn.rollback();
                return true;
            }
            default -> {
                // handled below
            }
        }
        if (words.startsWith("SET TRANSACTION ISOLATION LEVEL ")
                || words.startsWith("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ")) {
            String level = words.substring(words.indexOf("LEVEL ") + 6);
            conn.setTransactionIsolation(switch (level) {
                case "READ UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
                case "READ COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
                case "REPEATABLE READ" -> Connection.TRANSACTION_REPEATABLE_READ;
                case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
                default -> throw new SQLException("Unknown isolation level '" + level + "'", "HY024");
            });
            return true;
        }
        if (words.equals("SET AUTOCOMMIT TRUE") || words.equals("SET AUTOCOMMIT ON")
                || words.equals("SET AUTOCOMMIT = 1") || words.equals("SET AUTOCOMMIT=1")) {
            conn.setAutoCommit(true);
            return true;
        }
        if (words.equals("SET AUTOCOMMIT FALSE") || words.equals("SET AUTOCOMMIT OFF")
                || words.equals("SET AUTOCOMMIT = 0") || words.equals("SET AUTOCOMMIT=0")) {
            conn.setAutoCommit(false);
            return true;
        }
        if (words.startsWith("SAVEPOINT ") || words.startsWith("ROLLBACK TO ") || words.startsWith("RELEASE ")) {
            throw new SQLFeatureNotSupportedException("Savepoints sent as SQL are not supported by Shardwise: use "
                    + "Connection.setSavepoint/rollback(Savepoint)/releaseSavepoint, which work while the "
                    + "transaction stays on one node", "0A000");
        }
        if (words.startsWith("SET ")) {
            throw new SQLFeatureNotSupportedException("Session setting '" + words.split(" ", 3)[1]
                    + "' sent as SQL would change only one node's connection: set it per node instead "
                    + "(node.<id>.pool.connectionInitSql=..., or in node.<id>.url)", "0A000");
        }
        return false;
    }

    private static String normalise(String sql) {
        String s = sql.trim();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        return s.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static int firstNonSpace(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
