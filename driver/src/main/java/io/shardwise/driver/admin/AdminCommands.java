package io.shardwise.driver.admin;

import io.shardwise.driver.jdbc.LogicalConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Recognises admin statements by a cheap prefix check and dispatches them to their {@link AdminCommand}. */
public final class AdminCommands {
    private static final List<AdminCommand> COMMANDS = load();

    private AdminCommands() {
    }

    private static List<AdminCommand> load() {
        List<AdminCommand> list = new ArrayList<>();
        ServiceLoader.load(AdminCommand.class, AdminCommands.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    /** {@code SHOW SHARDWISE ...} or {@code SHARDWISE ...}, any case, leading whitespace allowed. No allocation. */
    public static boolean isAdmin(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        char c = sql.charAt(i);
        if (c == 'S' || c == 's') {
            if (sql.regionMatches(true, i, "SHARDWISE", 0, 9)) {
                return i + 9 == n || Character.isWhitespace(sql.charAt(i + 9));
            }
            if (sql.regionMatches(true, i, "SHOW", 0, 4) && i + 4 < n && Character.isWhitespace(sql.charAt(i + 4))) {
                int j = i + 4;
                while (j < n && Character.isWhitespace(sql.charAt(j))) {
                    j++;
                }
                return sql.regionMatches(true, j, "SHARDWISE", 0, 9)
                        && (j + 9 == n || !Character.isLetterOrDigit(sql.charAt(j + 9)));
            }
        }
        return false;
    }

    public static ResultSet execute(String sql, LogicalConnection connection, Statement owner) throws SQLException {
        String words = words(sql);
        for (AdminCommand command : COMMANDS) {
            if (command.matches(words)) {
                return command.execute(sql, new AdminContext(connection.runtimeForAdmin(),
                        connection, owner));
            }
        }
        StringBuilder known = new StringBuilder();
        for (AdminCommand command : COMMANDS) {
            known.append("\n  ").append(command.usage());
        }
        throw new SQLSyntaxErrorException("Unknown Shardwise admin statement: " + sql.trim()
                + "\nKnown admin statements:" + known, "42000");
    }

    /** Upper case, whitespace collapsed, no trailing semicolon: the form {@link AdminCommand#matches} sees. */
    static String words(String sql) {
        String s = sql.trim();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        return s.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
