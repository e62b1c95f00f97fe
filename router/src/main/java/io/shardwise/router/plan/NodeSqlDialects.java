package io.shardwise.router.plan;

import io.shardwise.router.sql.SqlDialectKind;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

/**
 * Calcite dialects for re-printing a statement that a multi-node merge had to rewrite. Calcite quotes every
 * identifier by default; these quote only where the name could not have been written without quotes (our parser
 * upper-cases unquoted names for H2 and PostgreSQL, so a name with lower-case letters was quoted), so the node
 * sees names the way the application wrote them and unknown functions stay unquoted.
 */
final class NodeSqlDialects {
    private static final Pattern UPPER = Pattern.compile("[A-Z_][A-Z0-9_$]*");
    private static final Pattern ANY_CASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Set<String> RESERVED = SqlAbstractParserImpl.getSql92ReservedWords();

    private static final SqlDialect H2 = new H2SqlDialect(H2SqlDialect.DEFAULT_CONTEXT) {
        @Override
        public boolean identifierNeedsQuote(String val) {
            return needsQuote(val, UPPER);
        }
    };
    private static final SqlDialect POSTGRESQL = new PostgresqlSqlDialect(PostgresqlSqlDialect.DEFAULT_CONTEXT) {
        @Override
        public boolean identifierNeedsQuote(String val) {
            return needsQuote(val, UPPER);
        }
    };
    private static final SqlDialect MYSQL = new MysqlSqlDialect(MysqlSqlDialect.DEFAULT_CONTEXT) {
        @Override
        public boolean identifierNeedsQuote(String val) {
            return needsQuote(val, ANY_CASE);
        }
    };

    private NodeSqlDialects() {
    }

    static SqlDialect of(SqlDialectKind kind) {
        return switch (kind) {
            case H2 -> H2;
            case POSTGRESQL -> POSTGRESQL;
            case MYSQL -> MYSQL;
        };
    }

    private static boolean needsQuote(String name, Pattern plain) {
        return !plain.matcher(name).matches() || RESERVED.contains(name.toUpperCase(Locale.ROOT));
    }
}
