package io.shardwise.router.sql;

import io.shardwise.router.sql.impl.ParseException;
import io.shardwise.router.sql.impl.ShardwiseSqlParserImpl;
import io.shardwise.router.sql.impl.ShardwiseSqlParserImplConstants;
import io.shardwise.router.sql.impl.TokenMgrError;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.util.SourceStringReader;

/**
 * Parses one statement with Shardwise's SQL parser: Calcite's core grammar, generated at build time from Calcite's
 * own templates, plus the clauses and statements H2, PostgreSQL and MySQL applications send (see docs/parser.md).
 *
 * <p>Thread-safe: every call uses a parser of its own. Call {@link #warmUp()} once when the driver loads so no
 * application statement pays the first-parse class loading (~300 ms).
 */
public final class ShardwiseSqlParser {

    /** SQLState of every syntax error: "syntax error or access rule violation". */
    public static final String SYNTAX_ERROR_STATE = "42000";

    private static final DialectSettings H2 = new DialectSettings(SqlParser.config()
            .withLex(Lex.ORACLE)
            .withConformance(SqlConformanceEnum.LENIENT));
    private static final DialectSettings POSTGRESQL = H2;
    private static final DialectSettings MYSQL = new DialectSettings(SqlParser.config()
            .withLex(Lex.MYSQL)
            .withConformance(SqlConformanceEnum.MYSQL_5));

    private ShardwiseSqlParser() {
    }

    /**
     * Parses one statement; a trailing {@code ;} is allowed.
     *
     * @return a stock Calcite node (SqlSelect, SqlOrderBy, SqlInsert, SqlUpdate, SqlDelete, SqlMerge, ...) or one of
     *     ours: {@link SqlLockingQuery}, {@link SqlUpsert}, {@link SqlReturning} (see {@link SqlExtendedStatement}),
     *     {@link SqlDdlStatement}, {@link SqlSessionStatement}
     * @throws SQLSyntaxErrorException SQLState 42000, naming the line, column (of {@code sql} as given) and token;
     *     its cause is Calcite's {@link SqlParseException}
     */
    public static SqlNode parse(String sql, SqlDialectKind dialect) throws SQLSyntaxErrorException {
        Objects.requireNonNull(sql, "sql");
        String text = Hints.blankShardwiseHints(sql);
        if (dialect == SqlDialectKind.MYSQL) {
            text = MySqlDoubleQuotes.toSingleQuotes(text);
        }
        // A new parser per statement: measured about 2x faster than re-initialising one parser per thread (likely
        // cause: a long-lived parser's constant field writes to young objects pay G1's write barrier).
        ShardwiseSqlParserImpl parser =
                (ShardwiseSqlParserImpl) ShardwiseSqlParserImpl.FACTORY.getParser(new SourceStringReader(text));
        // Columns count characters, so a tab is one column: positions are offsets into the application's line.
        parser.setTabSize(1);
        settings(dialect).applyTo(parser);
        SqlNodeList statements;
        try {
            statements = parser.parseSqlStmtList();
        } catch (Exception | TokenMgrError e) {
            throw SyntaxErrors.of(sql, parser.normalizeException(e), tokenOf(e));
        }
        if (statements.size() != 1) {
            throw statements.isEmpty()
                    ? SyntaxErrors.plain("Empty statement: the SQL text contains no statement")
                    : SyntaxErrors.atSecondStatement(sql, statements.get(1).getParserPosition());
        }
        SqlNode statement = statements.get(0);
        if (statement instanceof SqlSessionStatement session) {
            return session.withText(SyntaxErrors.textAt(sql, session.getParserPosition()));
        }
        return statement;
    }

    /**
     * Parses a few representative statements in every dialect, so the first application statement does not pay
     * for loading Calcite's and the parser's classes. Safe to call more than once.
     */
    public static void warmUp() {
        String[] statements = {
            "SELECT a, b FROM t WHERE id = ? AND x IN (?, ?) ORDER BY a LIMIT 10",
            "SELECT t.a, COUNT(*) FROM t JOIN u ON t.id = u.id WHERE t.k BETWEEN ? AND ? GROUP BY t.a"
                    + " HAVING COUNT(*) > 1",
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)",
            "UPDATE t SET a = ? WHERE id = ?",
            "DELETE FROM t WHERE id = ?",
            "SELECT * FROM t WHERE id = ? FOR UPDATE",
            "INSERT INTO t (id, a) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET a = EXCLUDED.a",
            "CREATE TABLE t (id BIGINT PRIMARY KEY, a VARCHAR(10))",
            "COMMIT",
        };
        for (SqlDialectKind dialect : SqlDialectKind.values()) {
            for (String statement : statements) {
                try {
                    parse(statement, dialect);
                } catch (SQLSyntaxErrorException e) {
                    throw new IllegalStateException("warm-up statement does not parse: " + statement, e);
                }
            }
        }
    }

    private static DialectSettings settings(SqlDialectKind dialect) {
        return switch (dialect) {
            case H2 -> H2;
            case POSTGRESQL -> POSTGRESQL;
            case MYSQL -> MYSQL;
        };
    }

    /**
     * The offending token's text as the lexer read it, "" for the end of the text, or null when the parser does not
     * say (lexical errors).
     */
    private static String tokenOf(Throwable e) {
        if (e instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
            return pe.currentToken.next.kind == ShardwiseSqlParserImplConstants.EOF ? "" : pe.currentToken.next.image;
        }
        return null;
    }

    /** What {@link SqlParser} would set on a new parser for a config, computed once per dialect. */
    private static final class DialectSettings {
        private final SqlAbstractParserImpl.LexicalState lexicalState;
        private final Casing quotedCasing;
        private final Casing unquotedCasing;
        private final int identifierMaxLength;
        private final SqlConformance conformance;

        DialectSettings(SqlParser.Config config) {
            this.lexicalState = SqlAbstractParserImpl.LexicalState.forConfig(config);
            this.quotedCasing = config.quotedCasing();
            this.unquotedCasing = config.unquotedCasing();
            this.identifierMaxLength = config.identifierMaxLength();
            this.conformance = config.conformance();
        }

        void applyTo(ShardwiseSqlParserImpl parser) {
            parser.switchTo(lexicalState);
            parser.setQuotedCasing(quotedCasing);
            parser.setUnquotedCasing(unquotedCasing);
            parser.setIdentifierMaxLength(identifierMaxLength);
            parser.setConformance(conformance);
        }
    }

    /** Builds the SQLSyntaxErrorExceptions of {@link #parse}. */
    static final class SyntaxErrors {
        private static final int MAX_EXPECTED_LISTED = 8;

        private SyntaxErrors() {
        }

        static SQLSyntaxErrorException of(String sql, SqlParseException e, String token) {
            SqlParserPos pos = e.getPos();
            StringBuilder message = new StringBuilder("SQL syntax error");
            if (pos != null && pos.getLineNum() > 0) {
                message.append(" at line ").append(pos.getLineNum()).append(", column ").append(pos.getColumnNum());
                String near = token != null ? token : wordAt(sql, pos.getLineNum(), pos.getColumnNum());
                if (near == null || near.isEmpty()) {
                    message.append(", at the end of the statement");
                } else {
                    message.append(", near \"").append(near).append('"');
                }
                List<String> expected = readable(e.getExpectedTokenNames());
                if (!expected.isEmpty() && expected.size() <= MAX_EXPECTED_LISTED) {
                    message.append(" (expected ").append(String.join(", ", expected)).append(')');
                }
                String line = line(sql, pos.getLineNum());
                if (line != null) {
                    message.append(":\n").append(line).append('\n')
                            .append(" ".repeat(Math.max(0, pos.getColumnNum() - 1))).append('^');
                }
            } else {
                message.append(": ").append(e.getMessage());
            }
            return new SQLSyntaxErrorException(message.toString(), SYNTAX_ERROR_STATE, e);
        }

        /** Expected tokens as a reader knows them: the seven identifier token kinds become "an identifier". */
        private static List<String> readable(Collection<String> expected) {
            List<String> result = new ArrayList<>();
            if (expected == null) {
                return result;
            }
            boolean identifier = false;
            for (String name : expected) {
                if (name.endsWith("IDENTIFIER>")) {
                    identifier = true;
                } else {
                    result.add(name);
                }
            }
            if (identifier) {
                result.add(0, "an identifier");
            }
            return result;
        }

        static SQLSyntaxErrorException plain(String message) {
            return new SQLSyntaxErrorException(message, SYNTAX_ERROR_STATE);
        }

        static SQLSyntaxErrorException atSecondStatement(String sql, SqlParserPos pos) {
            return new SQLSyntaxErrorException("Only one SQL statement per call: another statement starts at line "
                    + pos.getLineNum() + ", column " + pos.getColumnNum() + ", near \""
                    + wordAt(sql, pos.getLineNum(), pos.getColumnNum()) + "\"", SYNTAX_ERROR_STATE);
        }

        /** The text a position spans (lines and columns are 1-based, the end column inclusive). */
        static String textAt(String sql, SqlParserPos pos) {
            int start = offset(sql, pos.getLineNum(), pos.getColumnNum());
            int end = offset(sql, pos.getEndLineNum(), pos.getEndColumnNum());
            if (start < 0 || end < 0 || end < start) {
                return sql.strip();
            }
            return sql.substring(start, Math.min(sql.length(), end + 1));
        }

        /** The offset of a 1-based line and column in the text, or -1 when outside it. */
        static int offset(String sql, int lineNum, int columnNum) {
            int line = 1;
            int i = 0;
            while (line < lineNum) {
                int nl = nextLineBreak(sql, i);
                if (nl < 0) {
                    return -1;
                }
                i = nl + (sql.startsWith("\r\n", nl) ? 2 : 1);
                line++;
            }
            int offset = i + columnNum - 1;
            return offset < sql.length() ? offset : -1;
        }

        private static int nextLineBreak(String sql, int from) {
            for (int i = from; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (c == '\n' || c == '\r') {
                    return i;
                }
            }
            return -1;
        }

        private static String line(String sql, int lineNum) {
            int start = offset(sql, lineNum, 1);
            if (start < 0) {
                return null;
            }
            int end = nextLineBreak(sql, start);
            return sql.substring(start, end < 0 ? sql.length() : end);
        }

        private static String wordAt(String sql, int lineNum, int columnNum) {
            int start = offset(sql, lineNum, columnNum);
            if (start < 0) {
                return null;
            }
            int end = start;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            return end == start ? sql.substring(start, start + 1) : sql.substring(start, end);
        }
    }
}
