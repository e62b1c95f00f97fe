package io.shardwise.router.plan;

import io.shardwise.router.sql.ShardwiseSqlParser;
import io.shardwise.router.sql.SqlDialectKind;
import java.sql.SQLSyntaxErrorException;
import org.apache.calcite.sql.SqlNode;

/**
 * The one place the router calls a SQL parser: the project's own Calcite parser (stock grammar plus FOR UPDATE,
 * ON CONFLICT, ON DUPLICATE KEY, RETURNING, DDL and session statements).
 */
final class SqlParsing {
    private SqlParsing() {
    }

    static SqlNode parse(String sql, SqlDialectKind dialect) throws SQLSyntaxErrorException {
        return ShardwiseSqlParser.parse(sql, dialect);
    }

    static void warmUp() {
        ShardwiseSqlParser.warmUp();
    }

    static String stripTrailingSemicolon(String sql) {
        int end = sql.length();
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        return end > 0 && sql.charAt(end - 1) == ';' ? sql.substring(0, end - 1) : sql;
    }
}
