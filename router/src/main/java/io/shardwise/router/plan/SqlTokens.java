package io.shardwise.router.plan;

import java.util.Locale;

/**
 * A small SQL scanner for what the router decides before (or instead of) parsing: the statement's first keyword,
 * the routing hint, DDL target tables, and literal normalisation. Skips comments and knows string and quoted
 * identifier syntax; it does not understand grammar.
 */
final class SqlTokens {
    enum Type { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAM, SYMBOL, PREFIXED_LITERAL }

    private final String sql;
    private final boolean backslashEscapes;
    private int pos;
    private Type type;
    private int start;
    private int end;
    private String hint;

    SqlTokens(String sql, boolean backslashEscapes) {
        this.sql = sql;
        this.backslashEscapes = backslashEscapes;
    }

    /** Moves to the next token; false at the end of the text. */
    boolean next() {
        skipSpaceAndComments();
        if (pos >= sql.length()) {
            type = null;
            start = end = sql.length();
            return false;
        }
        start = pos;
        char c = sql.charAt(pos);
        if (c == '\'') {
            pos = endOfQuoted(pos, '\'');
            type = Type.STRING;
        } else if (c == '"' || c == '`') {
            pos = endOfQuoted(pos, c);
            type = Type.QUOTED_IDENTIFIER;
        } else if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            pos = endOfNumber(pos);
            type = Type.NUMBER;
        } else if (Character.isLetter(c) || c == '_' || c == '$') {
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                pos++;
            }
            if (pos < sql.length() && sql.charAt(pos) == '\'') { // N'..', X'..', E'..', B'..'
                pos = endOfQuoted(pos, '\'');
                type = Type.PREFIXED_LITERAL;
            } else {
                type = Type.WORD;
            }
        } else if (c == '?') {
            pos++;
            type = Type.PARAM;
        } else {
            pos++;
            if (pos < sql.length()) {
                char d = sql.charAt(pos);
                if ((c == '<' && (d == '=' || d == '>')) || (c == '>' && d == '=') || (c == '!' && d == '=')
                        || (c == ':' && d == ':') || (c == '|' && d == '|')) {
                    pos++;
                }
            }
            type = Type.SYMBOL;
        }
        end = pos;
        return true;
    }

    Type type() {
        return type;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    String text() {
        return sql.substring(start, end);
    }

    boolean isWord(String upper) {
        return type == Type.WORD && end - start == upper.length() && sql.regionMatches(true, start, upper, 0,
                upper.length());
    }

    boolean isSymbol(String s) {
        return type == Type.SYMBOL && end - start == s.length() && sql.startsWith(s, start);
    }

    /** An identifier's name: quotes removed (case kept), unquoted words as written. */
    String identifier() {
        if (type == Type.QUOTED_IDENTIFIER) {
            char q = sql.charAt(start);
            return sql.substring(start + 1, end - 1).replace("" + q + q, "" + q);
        }
        return text();
    }

    /** The first {@code shardwise} hint comment seen so far, e.g. {@code shardwise node=n2}. */
    String hint() {
        return hint;
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && sql.startsWith("--", pos)) {
                int nl = sql.indexOf('\n', pos);
                pos = nl < 0 ? sql.length() : nl + 1;
            } else if (c == '#' && backslashEscapes) { // MySQL line comment
                int nl = sql.indexOf('\n', pos);
                pos = nl < 0 ? sql.length() : nl + 1;
            } else if (c == '/' && sql.startsWith("/*", pos)) {
                int close = sql.indexOf("*/", pos + 2);
                int stop = close < 0 ? sql.length() : close;
                String body = sql.substring(pos + 2, stop);
                if (hint == null && body.startsWith("+")) {
                    String h = body.substring(1).trim();
                    if (h.toLowerCase(Locale.ROOT).startsWith("shardwise")) {
                        hint = h;
                    }
                }
                pos = close < 0 ? sql.length() : close + 2;
            } else {
                return;
            }
        }
    }

    private int endOfQuoted(int from, char q) {
        int i = from + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes && q == '\'') {
                i += 2;
                continue;
            }
            if (c == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private int endOfNumber(int from) {
        int i = from;
        boolean exp = false;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isDigit(c) || c == '.') {
                i++;
            } else if ((c == 'e' || c == 'E') && !exp) {
                exp = true;
                i++;
                if (i < sql.length() && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
                    i++;
                }
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
