package io.shardwise.router.keys;

import io.shardwise.router.sql.ShardwiseSqlParser;
import io.shardwise.router.sql.SqlDdlStatement;
import io.shardwise.router.sql.SqlDialectKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;

/**
 * The hook the driver calls after a DDL statement has run on a node: when the statement created a table, the
 * table's generated-key columns are put on the node's {@link KeyStride}. Anything else is left alone.
 */
public final class DdlKeyStriding {

    private DdlKeyStriding() {
    }

    /**
     * @param sql        the DDL text as it ran on the node
     * @param appDialect the dialect the application writes (to parse {@code sql})
     * @param node       a connection to the node the statement ran on
     * @return the statements that were run on the node (empty when there was nothing to do)
     */
    public static List<String> afterDdl(String sql, SqlDialectKind appDialect, Connection node, KeyStride stride)
            throws SQLException {
        SqlNode parsed = ShardwiseSqlParser.parse(sql, appDialect);
        if (!(parsed instanceof SqlDdlStatement ddl) || ddl.ddlKind() != SqlDdlStatement.Kind.CREATE_TABLE) {
            return List.of();
        }
        SqlDialectKind backend = backendOf(node);
        if (backend == null) {
            return List.of();
        }
        // The parser folds unquoted names per the application's dialect; every backend finds its table from the
        // unquoted name (PostgreSQL and H2 fold it themselves), which is how applications write table names.
        return StridedKeys.applyToTable(node, backend, stride, ddl.table().names.get(ddl.table().names.size() - 1));
    }

    private static SqlDialectKind backendOf(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return SqlDialectKind.POSTGRESQL;
        }
        if (product.contains("h2")) {
            return SqlDialectKind.H2;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return SqlDialectKind.MYSQL;
        }
        return null;
    }
}
