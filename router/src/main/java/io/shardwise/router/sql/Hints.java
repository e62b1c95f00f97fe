package io.shardwise.router.sql;

import java.sql.SQLSyntaxErrorException;

/**
 * Shardwise's hint comment, {@code /*+ shardwise node=n2 *}{@code /}, anywhere in a statement. It forces the statement
 * to one node. Cheap when absent: one {@code indexOf} of the hint opener.
 */
public final class Hints {

    private static final String OPENER = "/*+";
    private static final String CLOSER = "*/";
    private static final String PREFIX = "shardwise";
    private static final String NODE = "node";

    private Hints() {
    }

    /**
     * The node id a {@code /*+ shardwise node=ID *}{@code /} comment names, or null when the text has none.
     *
     * @throws SQLSyntaxErrorException (SQLState 42000) when a shardwise hint is present but names no node: a typo
     *     must not silently route the statement as if there were no hint
     */
    public static String forcedNode(String sql) throws SQLSyntaxErrorException {
        int open = sql.indexOf(OPENER);
        while (open >= 0) {
            int close = sql.indexOf(CLOSER, open + OPENER.length());
            if (close < 0) {
                return null;
            }
            int p = skipSpaces(sql, open + OPENER.length(), close);
            if (sql.regionMatches(true, p, PREFIX, 0, PREFIX.length())
                    && (p + PREFIX.length() == close || isSpace(sql.charAt(p + PREFIX.length())))) {
                return nodeOf(sql, p + PREFIX.length(), close);
            }
            open = sql.indexOf(OPENER, close + CLOSER.length());
        }
        return null;
    }

    /** Whether the text contains a shardwise hint comment. */
    public static boolean hasShardwiseHint(String sql) {
        int open = sql.indexOf(OPENER);
        while (open >= 0) {
            int close = sql.indexOf(CLOSER, open + OPENER.length());
            if (close < 0) {
                return false;
            }
            if (isShardwiseHint(sql, open, close)) {
                return true;
            }
            open = sql.indexOf(OPENER, close + CLOSER.length());
        }
        return false;
    }

    /**
     * The text with every shardwise hint comment replaced by spaces (line breaks kept), so Calcite, which reads
     * {@code /*+} as the start of one of its own hints, parses the rest and reports positions of the original
     * text. Returns the same instance when there is nothing to blank.
     */
    static String blankShardwiseHints(String sql) {
        int open = sql.indexOf(OPENER);
        if (open < 0) {
            return sql;
        }
        char[] chars = null;
        while (open >= 0) {
            int close = sql.indexOf(CLOSER, open + OPENER.length());
            if (close < 0) {
                break;
            }
            if (isShardwiseHint(sql, open, close)) {
                if (chars == null) {
                    chars = sql.toCharArray();
                }
                for (int i = open; i < close + CLOSER.length(); i++) {
                    if (chars[i] != '\n' && chars[i] != '\r') {
                        chars[i] = ' ';
                    }
                }
            }
            open = sql.indexOf(OPENER, close + CLOSER.length());
        }
        return chars == null ? sql : new String(chars);
    }

    private static boolean isShardwiseHint(String sql, int open, int close) {
        int p = skipSpaces(sql, open + OPENER.length(), close);
        return sql.regionMatches(true, p, PREFIX, 0, PREFIX.length())
                && (p + PREFIX.length() == close || isSpace(sql.charAt(p + PREFIX.length())));
    }

    private static String nodeOf(String sql, int from, int close) throws SQLSyntaxErrorException {
        int p = skipSpaces(sql, from, close);
        while (p < close) {
            int wordEnd = p;
            while (wordEnd < close && !isSpace(sql.charAt(wordEnd)) && sql.charAt(wordEnd) != '=') {
                wordEnd++;
            }
            int q = skipSpaces(sql, wordEnd, close);
            boolean isNode = wordEnd - p == NODE.length() && sql.regionMatches(true, p, NODE, 0, NODE.length());
            if (q < close && sql.charAt(q) == '=') {
                int valueStart = skipSpaces(sql, q + 1, close);
                int valueEnd = valueStart;
                while (valueEnd < close && !isSpace(sql.charAt(valueEnd))) {
                    valueEnd++;
                }
                if (isNode && valueEnd > valueStart) {
                    return sql.substring(valueStart, valueEnd);
                }
                p = skipSpaces(sql, valueEnd, close);
            } else {
                p = q;
            }
        }
        throw new SQLSyntaxErrorException("The shardwise hint names no node: \"" + sql.substring(from, close).trim()
                + "\"; write /*+ shardwise node=<node id> */", "42000");
    }

    private static int skipSpaces(String sql, int from, int limit) {
        int p = from;
        while (p < limit && isSpace(sql.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
