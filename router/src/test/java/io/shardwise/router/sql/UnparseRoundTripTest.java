package io.shardwise.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extended statements re-print as SQL that parses back to the same tree (the planner re-prints rewrites). */
class UnparseRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM t WHERE id = ? FOR UPDATE",
        "SELECT a FROM t WHERE id IN (?, ?) ORDER BY a LIMIT 10 FOR SHARE OF t NOWAIT",
        "SELECT a FROM t FOR NO KEY UPDATE SKIP LOCKED",
        "INSERT INTO t (id, a) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET a = EXCLUDED.a WHERE t.a <> ?",
        "INSERT INTO t (id, a) VALUES (?, ?) ON CONFLICT ON CONSTRAINT t_pk DO NOTHING",
        "INSERT INTO t (id, a) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING RETURNING id",
        "UPDATE t SET a = ? WHERE id = ? RETURNING id, a AS x",
        "DELETE FROM t WHERE id = ? RETURNING *",
    })
    void postgresql(String sql) throws Exception {
        SqlNode first = ShardwiseSqlParser.parse(sql, SqlDialectKind.POSTGRESQL);
        String printed = first.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
        SqlNode second = ShardwiseSqlParser.parse(printed, SqlDialectKind.POSTGRESQL);
        assertThat(second.getClass()).isEqualTo(first.getClass());
        assertThat(second.toString()).as(printed).isEqualTo(first.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO `t` (`id`, `n`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `n` = `n` + VALUES(`n`)",
        "INSERT IGNORE INTO `t` (`id`, `n`) VALUES (?, ?), (?, ?)",
        "SELECT * FROM `t` WHERE `id` = ? LIMIT 5 FOR UPDATE",
    })
    void mysql(String sql) throws Exception {
        SqlNode first = ShardwiseSqlParser.parse(sql, SqlDialectKind.MYSQL);
        String printed = first.toSqlString(MysqlSqlDialect.DEFAULT).getSql();
        SqlNode second = ShardwiseSqlParser.parse(printed, SqlDialectKind.MYSQL);
        assertThat(second.getClass()).isEqualTo(first.getClass());
        assertThat(second.toString()).as(printed).isEqualTo(first.toString());
    }
}
