package io.shardwise.router.sql;

/**
 * MySQL (without ANSI_QUOTES, its default) reads {@code "abc"} as a string, where Calcite's MySQL lexer has no such
 * token. Before parsing MySQL text, each double-quoted string whose content has no quote or backslash becomes
 * {@code 'abc'}: same length, so every position in the parse tree and in error messages still matches the
 * application's text (which is what the nodes receive). Other double-quoted text is left for the parser to reject.
 */
final class MySqlDoubleQuotes {

    private MySqlDoubleQuotes() {
    }

    /** The text with simple double-quoted strings single-quoted; the same instance when there is none. */
    static String toSingleQuotes(String sql) {
        if (sql.indexOf('"') < 0) {
            return sql;
        }
        char[] chars = null;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"') {
                int end = i + 1;
                boolean simple = true;
                while (end < n && sql.charAt(end) != '"') {
                    char ch = sql.charAt(end);
                    if (ch == '\'' || ch == '\\') {
                        simple = false;
                    }
                    end++;
                }
                if (end >= n) {
                    break; // unterminated: the parser reports it
                }
                boolean doubled = end + 1 < n && sql.charAt(end + 1) == '"';
                if (simple && !doubled) {
                    if (chars == null) {
                        chars = sql.toCharArray();
                    }
                    chars[i] = '\'';
                    chars[end] = '\'';
                    i = end + 1;
                } else {
                    i = skipQuoted(sql, i, '"');
                }
            } else {
                i++;
            }
        }
        return chars == null ? sql : new String(chars);
    }

    /** The index after a quoted run starting at {@code start}, honouring doubled quotes and backslash escapes. */
    private static int skipQuoted(String sql, int start, char quote) {
        int n = sql.length();
        int j = start + 1;
        while (j < n) {
            char ch = sql.charAt(j);
            if (ch == '\\' && quote != '`') {
                j += 2;
            } else if (ch == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n;
    }
}
