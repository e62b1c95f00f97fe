package io.shardwise.router.plan;

import io.shardwise.router.sql.SqlDialectKind;
import java.sql.SQLSyntaxErrorException;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The one place the router calls a SQL parser, so switching to the project's own generated parser
 * ({@code io.shardwise.router.sql.ShardwiseSqlParser}) is one line. Identifiers keep the application's case
 * (unquoted casing UNCHANGED), so a re-printed statement names tables and columns as the application did.
 */
final class SqlParsing {
    private static final SqlParser.Config DOUBLE_QUOTED = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);
    private static final SqlParser.Config BACK_QUOTED = DOUBLE_QUOTED.withQuoting(Quoting.BACK_TICK);

    private SqlParsing() {
    }

    static SqlNode parse(String sql, SqlDialectKind dialect) throws SQLSyntaxErrorException {
        String text = stripTrailingSemicolon(sql);
        try {
            return SqlParser.create(text, dialect == SqlDialectKind.MYSQL ? BACK_QUOTED : DOUBLE_QUOTED).parseStmt();
        } catch (SqlParseException e) {
            String where = e.getPos() == null ? "" : " at line " + e.getPos().getLineNum() + ", column "
                    + e.getPos().getColumnNum();
            String first = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            return throwSyntax("Cannot parse SQL" + where + ": " + first, e);
        }
    }

    private static SqlNode throwSyntax(String message, Exception cause) throws SQLSyntaxErrorException {
        throw new SQLSyntaxErrorException(message, "42000", cause);
    }

    static String stripTrailingSemicolon(String sql) {
        int end = sql.length();
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        return end > 0 && sql.charAt(end - 1) == ';' ? sql.substring(0, end - 1) : sql;
    }
}
