package io.shardwise.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLSyntaxErrorException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL's :: casts and jsonb/array operators parse, with PostgreSQL's precedence, and re-print as written. */
class PostgresOperatorsParseTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id FROM customers WHERE id = ?::bigint AND name ILIKE 'ada%'",
        "INSERT INTO customers (id, tags, profile, created) VALUES (?, ?::text[], ?::jsonb, ?::timestamptz)",
        "SELECT profile->>'tier', (profile->>'score')::int FROM customers WHERE id = ?",
        "SELECT profile->'address'->>'city' FROM customers WHERE id = ?",
        "SELECT profile#>'{a,b}', profile#>>'{a,b}' FROM customers WHERE id = 1",
        "SELECT id FROM customers WHERE profile @> '{\"tier\": \"gold\"}'::jsonb ORDER BY id",
        "SELECT id FROM customers WHERE '{\"a\": 1}'::jsonb <@ profile",
        "SELECT id FROM customers WHERE tags && ARRAY['vip'] ORDER BY id",
        "SELECT id, created FROM customers WHERE created >= '2026-01-20T00:00:00Z'::timestamptz LIMIT 6",
        "UPDATE customers SET profile = ?::jsonb WHERE id = ?",
        "SELECT x::numeric(10, 2)::text FROM t",
    })
    void parses(String sql) throws SQLSyntaxErrorException {
        assertThat(ShardwiseSqlParser.parse(sql, SqlDialectKind.POSTGRESQL)).isNotNull();
    }

    @Test
    void jsonOperatorsBindTighterThanComparisonAndCastTighterStill() throws SQLSyntaxErrorException {
        SqlSelect select = (SqlSelect) ShardwiseSqlParser.parse(
                "SELECT 1 FROM c WHERE profile->>'tier' = 'gold'", SqlDialectKind.POSTGRESQL);
        SqlBasicCall where = (SqlBasicCall) select.getWhere();
        assertThat(where.getOperator().getName()).isEqualTo("=");
        assertThat(((SqlBasicCall) where.operand(0)).getOperator()).isSameAs(PostgresOperators.JSON_GET_TEXT);

        SqlSelect cast = (SqlSelect) ShardwiseSqlParser.parse("SELECT a->>'n'::int FROM c", SqlDialectKind.POSTGRESQL);
        SqlBasicCall item = (SqlBasicCall) cast.getSelectList().get(0);
        assertThat(item.getOperator()).isSameAs(PostgresOperators.JSON_GET_TEXT); // a ->> ('n'::int), as PostgreSQL
    }

    @Test
    void rePrintsInPostgresqlWithTheOperatorsAsWritten() throws SQLSyntaxErrorException {
        SqlNode node = ShardwiseSqlParser.parse(
                "SELECT id FROM c WHERE profile @> ?::jsonb AND tags && ?::text[]", SqlDialectKind.POSTGRESQL);
        String sql = node.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
        assertThat(sql).contains("@>").contains("&&").contains("::");
    }
}
