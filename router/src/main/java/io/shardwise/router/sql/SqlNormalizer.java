package io.shardwise.router.sql;

import java.math.BigDecimal;

/**
 * Replaces the literals of a query or DML statement by {@code ?}, so plain Statements that differ only in their
 * literal values share one cached plan: {@code ... WHERE id = 7 AND name = 'x'} becomes
 * {@code ... WHERE id = ? AND name = ?} with the values {@code [7L, "x"]}.
 *
 * <p>A hand-written single pass over the characters (not Calcite: this runs for every plain Statement before the
 * plan cache is consulted). It allocates one StringBuilder, one slot array and the literal values, and nothing at
 * all for a statement without literals. It understands string literals with {@code ''} escapes (and backslash
 * escapes under MySQL), quoted identifiers ({@code "..."}, {@code `...`}), {@code --}, {@code /* *}{@code /} and
 * (MySQL) {@code #} comments, numbers (integer, decimal, exponent; a minus sign after an operator belongs to the
 * number) and existing {@code ?} placeholders.
 *
 * <p>Replacing a literal must never change what the statement means, so everything that is unsafe to replace stays
 * literal: statements other than SELECT/INSERT/UPDATE/DELETE/MERGE/WITH/VALUES (DDL, SET, ...: returned unchanged);
 * the whole select list and RETURNING list (a literal there names the result column); ORDER BY / GROUP BY ordinals; literals after a
 * word that types them ({@code DATE '...'}, {@code INTERVAL '1' DAY}, {@code INTERVAL 1 DAY}, {@code N'...'},
 * {@code X'...'}, {@code ESCAPE '!'}); type parameters ({@code VARCHAR(10)}, {@code DECIMAL(10,2)}, in
 * {@code CAST(x AS ...)} and after {@code ::}); TRUE/FALSE/NULL; comments, hints included. Text the scanner does not
 * understand ({@code $} of PostgreSQL's dollar quotes and positional parameters, unterminated quotes, parentheses
 * nested deeper than 60) is returned unchanged.
 *
 * <p>The normalised text is not guaranteed to parse where the original does (a database or Calcite may insist on a
 * literal somewhere this scanner replaces one): callers parse the normalised text and, when that fails, parse and
 * plan the original text instead.
 */
public final class SqlNormalizer {

    // What the previous token was.
    private static final int NONE = 0;
    private static final int WORD = 1;
    private static final int VALUE = 2; // literal, identifier in quotes, ?, or )
    private static final int OPEN = 3;
    private static final int COMMA = 4;
    private static final int MINUS = 5;
    private static final int OPERATOR = 6;

    // Words the scanner reacts to.
    private static final int W_OTHER = 0;
    private static final int W_SELECT = 1; // SELECT, RETURNING: opens a list whose literals name result columns
    private static final int W_CLAUSE = 2; // ends a select list and an ORDER/GROUP BY list
    private static final int W_ORDER_OR_GROUP = 3;
    private static final int W_BY = 4;
    private static final int W_INTERVAL = 5;
    private static final int W_TYPE = 6; // a type name: its parenthesised parameters stay literal
    private static final int W_OPERATOR = 7; // after it, a string or signed number is a plain operand
    private static final int W_UNARY = 8; // after it, a minus is a sign (but a string stays literal)
    private static final int W_DML = 9; // the statement kinds that are normalised

    private static final String[] WORDS = {
        "SELECT", "FROM", "WHERE", "HAVING", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "MINUS",
        "WINDOW", "QUALIFY", "FOR", "INTO", "RETURNING", "ORDER", "GROUP", "BY", "INTERVAL",
        "CHAR", "VARCHAR", "CHARACTER", "VARYING", "NCHAR", "NVARCHAR", "VARCHAR2", "DECIMAL", "NUMERIC", "DEC",
        "NUMBER", "FLOAT", "TIMESTAMP", "TIME", "BINARY", "VARBINARY", "BIT", "DATETIME",
        "AND", "OR", "NOT", "LIKE", "ILIKE", "THEN", "ELSE", "WHEN", "BETWEEN", "ON",
        "IN", "IS", "CASE", "SET", "VALUES", "RETURN", "ALL", "ANY", "SOME", "DISTINCT",
        "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "UPSERT", "REPLACE",
    };
    private static final int[] CODES = {
        W_SELECT, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE,
        W_CLAUSE, W_CLAUSE, W_CLAUSE, W_CLAUSE, W_SELECT, W_ORDER_OR_GROUP, W_ORDER_OR_GROUP, W_BY, W_INTERVAL,
        W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE,
        W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE, W_TYPE,
        W_OPERATOR, W_OPERATOR, W_OPERATOR, W_OPERATOR, W_OPERATOR, W_OPERATOR, W_OPERATOR, W_OPERATOR,
        W_OPERATOR, W_OPERATOR,
        W_UNARY, W_UNARY, W_UNARY, W_UNARY, W_DML, W_UNARY, W_UNARY, W_UNARY, W_UNARY, W_UNARY,
        W_DML, W_DML, W_DML, W_DML, W_DML, W_DML, W_DML,
    };
    /** WORDS indexes by their first letter, so a word is compared with few candidates and no allocation. */
    private static final int[][] BY_LETTER = new int[26][];

    static {
        if (WORDS.length != CODES.length) {
            throw new ExceptionInInitializerError("WORDS and CODES differ in length");
        }
        int[] counts = new int[26];
        for (String w : WORDS) {
            counts[w.charAt(0) - 'A']++;
        }
        for (int i = 0; i < 26; i++) {
            BY_LETTER[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int i = 0; i < WORDS.length; i++) {
            int letter = WORDS[i].charAt(0) - 'A';
            BY_LETTER[letter][counts[letter]++] = i;
        }
    }

    private static final int MAX_DEPTH = 60;

    private SqlNormalizer() {
    }

    /** Normalises with H2/PostgreSQL lexical rules. */
    public static NormalizedStatement normalize(String sql) {
        return normalize(sql, SqlDialectKind.H2);
    }

    public static NormalizedStatement normalize(String sql, SqlDialectKind dialect) {
        return new Scan(sql, dialect == SqlDialectKind.MYSQL).run();
    }

    /** One pass over one statement. */
    private static final class Scan {
        private final String sql;
        private final int n;
        private final boolean mysql;

        private StringBuilder out;
        private int copied;
        private Object[] slots;
        private int literals;
        private int appParams;

        private int depth;
        private long selectLists; // bit d: a select list is open at parenthesis depth d
        private long orderLists; // bit d: an ORDER BY / GROUP BY list is open at depth d
        private int keepDepth = -1; // inside a type's parameters: numbers stay literal
        private boolean pendingType;
        private boolean expectBy;
        private int prev = NONE;
        private int prevWord = W_OTHER;
        private int minusPos = -1;
        private boolean minusIsSign;

        Scan(String sql, boolean mysql) {
            this.sql = sql;
            this.n = sql.length();
            this.mysql = mysql;
        }

        NormalizedStatement run() {
            boolean replace = startsWithDml();
            int i = 0;
            while (i < n) {
                char c = sql.charAt(i);
                if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || mysql && c == '#') {
                    int eol = sql.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                    minusPos = -1;
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    if (end < 0) {
                        return unchanged();
                    }
                    i = end + 2;
                    minusPos = -1;
                } else if (c == '\'') {
                    i = stringLiteral(i, replace);
                } else if (c == '"' || c == '`') {
                    // An identifier; under MySQL "..." may also be a string (unless ANSI_QUOTES): kept as is either way.
                    i = quoted(i, c);
                } else if (c == '?') {
                    appParams++;
                    if (slots != null) {
                        put(appParams + literals - 1, NormalizedStatement.ApplicationParameter.of(appParams));
                    }
                    token(VALUE);
                    i++;
                } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                    i = number(i, replace);
                } else if (isIdentifierStart(c)) {
                    i = word(i);
                } else if (c == '(') {
                    if (++depth > MAX_DEPTH) {
                        return unchanged();
                    }
                    if (pendingType && keepDepth < 0) {
                        keepDepth = depth;
                    }
                    selectLists &= ~bit(depth);
                    orderLists &= ~bit(depth);
                    token(OPEN);
                    i++;
                } else if (c == ')') {
                    selectLists &= ~bit(depth);
                    orderLists &= ~bit(depth);
                    if (--depth < 0) {
                        return unchanged();
                    }
                    if (keepDepth > depth) {
                        keepDepth = -1;
                    }
                    token(VALUE);
                    i++;
                } else if (c == ',') {
                    token(COMMA);
                    i++;
                } else if (c == '-') {
                    boolean sign = isSignPosition();
                    token(MINUS);
                    minusPos = i;
                    minusIsSign = sign;
                    i++;
                } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                    token(OPERATOR);
                    pendingType = true; // x::numeric(10,2): the type after :: is a type whatever its name
                    i += 2;
                } else if (c == '$') {
                    return unchanged(); // PostgreSQL dollar quoting or $1 parameters: not ours to rewrite
                } else {
                    token(OPERATOR);
                    i++;
                }
            }
            if (out == null) {
                return NormalizedStatement.unchanged(sql, appParams);
            }
            out.append(sql, copied, n);
            return new NormalizedStatement(sql, out.toString(), slots, appParams + literals, literals);
        }

        /** Records a token that is not a minus or a word. */
        private void token(int kind) {
            if (kind != OPEN) {
                pendingType = false;
            }
            if (kind != WORD) {
                expectBy = false;
            }
            prev = kind;
            minusPos = -1;
        }

        private boolean isSignPosition() {
            return prev == NONE || prev == OPERATOR || prev == OPEN || prev == COMMA || prev == MINUS
                    || prev == WORD && (prevWord == W_OPERATOR || prevWord == W_UNARY || prevWord == W_SELECT
                            || prevWord == W_CLAUSE || prevWord == W_BY);
        }

        /** Inside a select list or a type's parameters: literals there stay. */
        private boolean keepHere() {
            return keepDepth >= 0 || (selectLists & ((bit(depth) << 1) - 1)) != 0;
        }

        private int stringLiteral(int start, boolean replace) {
            int j = start + 1;
            boolean doubled = false;
            boolean backslash = false;
            while (true) {
                if (j >= n) {
                    return n; // unterminated: left for the parser to report
                }
                char ch = sql.charAt(j);
                if (mysql && ch == '\\') {
                    backslash = true;
                    j += 2;
                } else if (ch == '\'') {
                    if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                        doubled = true;
                        j += 2;
                    } else {
                        break;
                    }
                } else {
                    j++;
                }
            }
            int end = j + 1;
            boolean typed = prev == WORD && prevWord != W_OPERATOR; // DATE '...', N'...', ESCAPE '!', ...
            if (replace && !backslash && !typed && !keepHere()) {
                String value = sql.substring(start + 1, j);
                replaceLiteral(start, end, doubled ? value.replace("''", "'") : value);
            }
            token(VALUE);
            return end;
        }

        private int quoted(int start, char quote) {
            int j = start + 1;
            while (j < n) {
                char ch = sql.charAt(j);
                if (ch == quote) {
                    if (j + 1 < n && sql.charAt(j + 1) == quote) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                if (mysql && quote == '"' && ch == '\\') {
                    j++;
                }
                j++;
            }
            token(VALUE);
            return Math.min(n, j + 1);
        }

        private int number(int start, boolean replace) {
            int j = start;
            if (sql.charAt(j) == '0' && j + 1 < n && (sql.charAt(j + 1) == 'x' || sql.charAt(j + 1) == 'X')) {
                return keptWord(start); // 0x1F: hexadecimal, kept
            }
            long value = 0;
            boolean overflow = false;
            while (j < n && isDigit(sql.charAt(j))) {
                int d = sql.charAt(j) - '0';
                if (value > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 + d;
                }
                j++;
            }
            boolean decimal = false;
            if (j < n && sql.charAt(j) == '.') {
                decimal = true;
                j++;
                while (j < n && isDigit(sql.charAt(j))) {
                    j++;
                }
            }
            if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
                int k = j + 1;
                if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
                    k++;
                }
                if (k < n && isDigit(sql.charAt(k))) {
                    decimal = true;
                    j = k;
                    while (j < n && isDigit(sql.charAt(j))) {
                        j++;
                    }
                }
            }
            if (j < n && isIdentifierPart(sql.charAt(j))) {
                return keptWord(start); // 1abc, 10m: not a number we understand
            }
            boolean negative = prev == MINUS && minusIsSign && minusPos >= 0;
            boolean ordinal = (orderLists & bit(depth)) != 0 && (prev == COMMA || prev == WORD && prevWord == W_BY);
            boolean keep = !replace || keepHere() || ordinal || prev == WORD && prevWord == W_INTERVAL;
            if (!keep) {
                Object literal;
                if (!decimal && !overflow) {
                    literal = negative ? -value : value;
                } else {
                    BigDecimal big = new BigDecimal(sql.substring(start, j));
                    if (negative) {
                        big = big.negate();
                    }
                    literal = big;
                    if (!decimal) {
                        try {
                            literal = big.longValueExact(); // -9223372036854775808
                        } catch (ArithmeticException tooBig) {
                            // stays a BigDecimal
                        }
                    }
                }
                replaceLiteral(negative ? minusPos : start, j, literal);
            }
            token(VALUE);
            return j;
        }

        private int keptWord(int start) {
            int j = start;
            while (j < n && isIdentifierPart(sql.charAt(j))) {
                j++;
            }
            token(VALUE);
            return j;
        }

        private int word(int start) {
            int j = start + 1;
            while (j < n && isIdentifierPart(sql.charAt(j))) {
                j++;
            }
            int code = classify(sql, start, j);
            long here = bit(depth);
            boolean wasExpectingBy = expectBy;
            expectBy = false;
            pendingType = false;
            switch (code) {
                case W_SELECT -> {
                    selectLists |= here;
                    orderLists &= ~here;
                }
                case W_CLAUSE -> {
                    selectLists &= ~here;
                    orderLists &= ~here;
                }
                case W_ORDER_OR_GROUP -> {
                    selectLists &= ~here;
                    orderLists &= ~here;
                    expectBy = true;
                }
                case W_BY -> {
                    if (wasExpectingBy) {
                        orderLists |= here;
                    }
                }
                case W_TYPE -> pendingType = true;
                default -> { }
            }
            prev = WORD;
            prevWord = code;
            minusPos = -1;
            return j;
        }

        private void replaceLiteral(int start, int end, Object value) {
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(sql, copied, start).append('?');
            copied = end;
            if (slots == null) {
                slots = new Object[Math.max(8, appParams + 4)];
                for (int k = 1; k <= appParams; k++) {
                    slots[k - 1] = NormalizedStatement.ApplicationParameter.of(k);
                }
            }
            put(appParams + literals, value);
            literals++;
        }

        /** Sets slot {@code index} (0-based) to a literal or an application parameter, growing the array. */
        private void put(int index, Object slot) {
            if (index >= slots.length) {
                Object[] bigger = new Object[slots.length * 2];
                System.arraycopy(slots, 0, bigger, 0, slots.length);
                slots = bigger;
            }
            slots[index] = slot;
        }

        private boolean startsWithDml() {
            int i = 0;
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || mysql && c == '#') {
                    int eol = sql.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (c == '(') {
                    return true;
                } else {
                    int j = i;
                    while (j < n && isIdentifierPart(sql.charAt(j))) {
                        j++;
                    }
                    int code = classify(sql, i, j);
                    return code == W_DML || code == W_SELECT
                            || j - i == 4 && sql.regionMatches(true, i, "WITH", 0, 4)
                            || j - i == 6 && sql.regionMatches(true, i, "VALUES", 0, 6);
                }
            }
            return false;
        }

        private NormalizedStatement unchanged() {
            return NormalizedStatement.unchanged(sql, appParams);
        }
    }

    private static int classify(String sql, int start, int end) {
        char first = Character.toUpperCase(sql.charAt(start));
        if (first < 'A' || first > 'Z') {
            return W_OTHER;
        }
        int length = end - start;
        for (int index : BY_LETTER[first - 'A']) {
            String word = WORDS[index];
            if (word.length() == length && sql.regionMatches(true, start, word, 0, length)) {
                return CODES[index];
            }
        }
        return W_OTHER;
    }

    private static long bit(int depth) {
        return 1L << depth;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 127 && Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c > 127 && Character.isLetterOrDigit(c);
    }
}
