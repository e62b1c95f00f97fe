package io.shardwise.driver.migration;

import java.sql.SQLSyntaxErrorException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches a migration admin statement against its grammar and hands out its arguments. */
final class AdminArgs {
    private final Matcher m;

    private AdminArgs(Matcher m) {
        this.m = m;
    }

    /**
     * @param pattern the statement's grammar as a regex over the application's text (case-insensitive; a trailing
     *                semicolon and surrounding whitespace are allowed)
     */
    static AdminArgs parse(String sql, Pattern pattern, String usage) throws SQLSyntaxErrorException {
        String s = sql.trim();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).trim();
        }
        Matcher m = pattern.matcher(s);
        if (!m.matches()) {
            throw new SQLSyntaxErrorException("Malformed admin statement: " + s + "\nUsage: " + usage, "42000");
        }
        return new AdminArgs(m);
    }

    static Pattern grammar(String regex) {
        return Pattern.compile(regex.replace(" ", "\\s+"), Pattern.CASE_INSENSITIVE);
    }

    String text(int group) {
        return m.group(group);
    }

    long number(int group) {
        return Long.parseLong(m.group(group));
    }

    boolean present(int group) {
        return m.group(group) != null;
    }

    /** A literal: {@code 'text'} (with '' for a quote) is a String, anything else an integer. */
    Object literal(int group) throws SQLSyntaxErrorException {
        String v = m.group(group);
        if (v.startsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SQLSyntaxErrorException("not an integer or a quoted string: " + v, "42000");
        }
    }

    /** The regex of a literal argument: an integer or a single-quoted string. */
    static final String LITERAL = "(-?\\d+|'(?:[^']|'')*')";
}
