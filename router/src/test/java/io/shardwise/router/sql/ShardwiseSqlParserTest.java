package io.shardwise.router.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLSyntaxErrorException;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlShuttle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardwiseSqlParserTest {

    static SqlNode parse(String sql) throws SQLSyntaxErrorException {
        return ShardwiseSqlParser.parse(sql, SqlDialectKind.H2);
    }

    @Test
    void parsesParameterisedSelectWithJoinsAndClauses() throws Exception {
        SqlNode node = parse("SELECT o.id, c.name, COUNT(*) AS n FROM orders o JOIN customers c ON o.cid = c.id"
                + " LEFT JOIN items i ON i.oid = o.id"
                + " WHERE o.cid = ? AND o.status IN (?, ?, 'x') AND o.total BETWEEN ? AND ?"
                + " GROUP BY o.id, c.name HAVING COUNT(*) > ? ORDER BY o.id DESC LIMIT ? OFFSET ?");
        assertThat(node).isInstanceOf(SqlOrderBy.class);
        SqlOrderBy orderBy = (SqlOrderBy) node;
        assertThat(orderBy.fetch).isInstanceOf(SqlDynamicParam.class);
        assertThat(((SqlDynamicParam) orderBy.fetch).getIndex()).isEqualTo(6);
        assertThat(((SqlDynamicParam) orderBy.offset).getIndex()).isEqualTo(7);
        SqlSelect select = (SqlSelect) orderBy.query;
        assertThat(select.getGroup()).hasSize(2);
        assertThat(select.getHaving()).isNotNull();
        assertThat(select.getFrom().getKind()).isEqualTo(SqlKind.JOIN);
    }

    @Test
    void parameterNumberingRestartsForEveryStatement() throws Exception {
        for (int i = 0; i < 3; i++) {
            SqlSelect select = (SqlSelect) parse("SELECT * FROM t WHERE a = ? AND b = ?");
            SqlNode where = select.getWhere();
            assertThat(where.toString()).contains("?");
            SqlDynamicParam first = (SqlDynamicParam) ((org.apache.calcite.sql.SqlCall)
                    ((org.apache.calcite.sql.SqlCall) where).operand(0)).operand(1);
            assertThat(first.getIndex()).isZero();
        }
    }

    @Test
    void parsesStockDml() throws Exception {
        SqlInsert insert = (SqlInsert) parse("INSERT INTO t (id, a) VALUES (?, ?), (?, 'b')");
        assertThat(((SqlIdentifier) insert.getTargetTable()).getSimple()).isEqualTo("T");
        assertThat(insert.getTargetColumnList()).hasSize(2);
        assertThat(parse("UPDATE t SET a = ?, b = b + 1 WHERE id = ?")).isInstanceOf(SqlUpdate.class);
        assertThat(parse("DELETE FROM t WHERE id IN (?, ?)")).isInstanceOf(SqlDelete.class);
        assertThat(parse("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a"
                + " WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)")).isInstanceOf(SqlMerge.class);
        assertThat(parse("SELECT * FROM (VALUES (1, 2)) AS v (a, b)")).isInstanceOf(SqlSelect.class);
        assertThat(parse("INSERT INTO t SELECT * FROM s WHERE a > 1")).isInstanceOf(SqlInsert.class);
    }

    @Test
    void trailingSemicolonIsAccepted() throws Exception {
        assertThat(parse("SELECT 1 FROM t;")).isInstanceOf(SqlSelect.class);
        assertThat(parse("DELETE FROM t WHERE id = 1 ;  ")).isInstanceOf(SqlDelete.class);
    }

    @Test
    void emptyTextIsRefused() {
        for (String sql : new String[] {"", "  ", "-- nothing\n", ";"}) {
            assertThatThrownBy(() -> parse(sql)).isInstanceOfSatisfying(SQLSyntaxErrorException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42000"));
        }
    }

    @Test
    void twoStatementsAreRefused() {
        assertThatThrownBy(() -> parse("DELETE FROM t; DELETE FROM u"))
                .isInstanceOf(SQLSyntaxErrorException.class)
                .hasMessageContaining("Only one SQL statement")
                .hasMessageContaining("line 1, column 16");
    }

    @Test
    void forUpdateVariants() throws Exception {
        SqlLockingQuery q = (SqlLockingQuery) parse("SELECT * FROM t FOR UPDATE");
        assertThat(q.strength()).isEqualTo(SqlLockingQuery.Strength.UPDATE);
        assertThat(q.waitPolicy()).isEqualTo(SqlLockingQuery.WaitPolicy.WAIT);
        assertThat(q.query()).isInstanceOf(SqlSelect.class);
        assertThat(q.ofTables()).isNull();

        q = (SqlLockingQuery) parse("SELECT * FROM t WHERE id = ? ORDER BY id LIMIT 5 FOR SHARE OF t NOWAIT");
        assertThat(q.strength()).isEqualTo(SqlLockingQuery.Strength.SHARE);
        assertThat(q.waitPolicy()).isEqualTo(SqlLockingQuery.WaitPolicy.NOWAIT);
        assertThat(q.query()).isInstanceOf(SqlOrderBy.class);
        assertThat(q.ofTables()).hasSize(1);

        q = (SqlLockingQuery) parse("SELECT a FROM t x WHERE x.id = 1 FOR NO KEY UPDATE SKIP LOCKED");
        assertThat(q.strength()).isEqualTo(SqlLockingQuery.Strength.NO_KEY_UPDATE);
        assertThat(q.waitPolicy()).isEqualTo(SqlLockingQuery.WaitPolicy.SKIP_LOCKED);

        q = (SqlLockingQuery) parse("SELECT * FROM t JOIN u ON t.id = u.id FOR KEY SHARE OF t, u");
        assertThat(q.strength()).isEqualTo(SqlLockingQuery.Strength.KEY_SHARE);
        assertThat(q.ofTables()).hasSize(2);
        assertThat(SqlExtendedStatement.stock(q)).isInstanceOf(SqlSelect.class);
    }

    @Test
    void forSystemTimeStillParses() throws Exception {
        assertThat(parse("SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'"))
                .isInstanceOf(SqlSelect.class);
    }

    @Test
    void onConflictDoUpdate() throws Exception {
        SqlUpsert u = (SqlUpsert) ShardwiseSqlParser.parse("INSERT INTO t (id, a) VALUES (?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET a = EXCLUDED.a, n = t.n + 1 WHERE t.a <> EXCLUDED.a",
                SqlDialectKind.POSTGRESQL);
        assertThat(u.style()).isEqualTo(SqlUpsert.Style.ON_CONFLICT);
        assertThat(u.action()).isEqualTo(SqlUpsert.Action.UPDATE);
        assertThat(u.conflictTarget()).hasSize(1);
        assertThat(u.targetColumns()).hasSize(2);
        assertThat(u.sourceExpressions().get(0).toString()).isEqualTo("EXCLUDED.A");
        assertThat(u.updateWhere()).isNotNull();
        assertThat(u.insert().getSource().getKind()).isEqualTo(SqlKind.VALUES);
    }

    @Test
    void onConflictDoNothingAndOnConstraint() throws Exception {
        SqlUpsert u = (SqlUpsert) parse("INSERT INTO t VALUES (1, 'a') ON CONFLICT DO NOTHING");
        assertThat(u.action()).isEqualTo(SqlUpsert.Action.NOTHING);
        assertThat(u.conflictTarget()).isNull();
        assertThat(u.targetColumns()).isNull();
        u = (SqlUpsert) parse("INSERT INTO t VALUES (1, 'a') ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING");
        assertThat(u.conflictConstraint().getSimple()).isEqualTo("T_PKEY");
        u = (SqlUpsert) parse("INSERT INTO t SELECT * FROM s ON CONFLICT (a, b) WHERE a > 0 DO NOTHING");
        assertThat(u.conflictTarget()).hasSize(2);
        assertThat(u.conflictTargetWhere()).isNotNull();
    }

    @Test
    void onDuplicateKeyUpdateWithValuesFunction() throws Exception {
        SqlUpsert u = (SqlUpsert) ShardwiseSqlParser.parse("INSERT INTO `t` (`id`, n) VALUES (?, ?), (?, ?)"
                + " ON DUPLICATE KEY UPDATE n = n + VALUES(n), `m` = 3", SqlDialectKind.MYSQL);
        assertThat(u.style()).isEqualTo(SqlUpsert.Style.ON_DUPLICATE_KEY_UPDATE);
        assertThat(u.targetColumns()).hasSize(2);
        org.apache.calcite.sql.SqlCall plus = (org.apache.calcite.sql.SqlCall) u.sourceExpressions().get(0);
        assertThat(SqlMySqlValuesCall.isValuesCall(plus.operand(1))).isTrue();
        assertThat(u.insert().getSource().getKind()).isEqualTo(SqlKind.VALUES);
        SqlUpsert direct = (SqlUpsert) ShardwiseSqlParser.parse("INSERT INTO t (id, n) VALUES (1, 2)"
                + " ON DUPLICATE KEY UPDATE n = VALUES(n), m = VALUES(m) * 2", SqlDialectKind.MYSQL);
        assertThat(SqlMySqlValuesCall.isValuesCall(direct.sourceExpressions().get(0))).isTrue();
        assertThat(direct.toString()).contains("`n` = VALUES(`n`)");
    }

    @Test
    void returning() throws Exception {
        SqlReturning r = (SqlReturning) parse("INSERT INTO t (a) VALUES (?) RETURNING id, a AS x");
        assertThat(r.items()).hasSize(2);
        assertThat(r.statement()).isInstanceOf(SqlInsert.class);
        r = (SqlReturning) parse("UPDATE t SET a = 1 WHERE id = ? RETURNING *");
        assertThat(r.statement()).isInstanceOf(SqlUpdate.class);
        r = (SqlReturning) parse("DELETE FROM t WHERE id = ? RETURNING *");
        assertThat(r.statement()).isInstanceOf(SqlDelete.class);
        r = (SqlReturning) parse("DELETE FROM t RETURNING *");
        assertThat(((SqlDelete) r.statement()).getAlias()).isNull();
        r = (SqlReturning) parse("INSERT INTO t SELECT * FROM s RETURNING id");
        assertThat(r.items()).hasSize(1);
        r = (SqlReturning) parse("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING RETURNING id");
        assertThat(r.statement()).isInstanceOf(SqlUpsert.class);
        assertThat(SqlExtendedStatement.stock(r)).isInstanceOf(SqlInsert.class);
        assertThat(SqlExtendedStatement.find(r, SqlUpsert.class)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conflict", "do", "duplicate", "if", "locked", "nothing", "nowait", "share", "index",
        "key", "returning_x"})
    void newWordsStillWorkAsNames(String word) throws Exception {
        SqlSelect select = (SqlSelect) parse("SELECT " + word + " FROM " + word + " WHERE " + word + " = 1");
        assertThat(((SqlIdentifier) select.getSelectList().get(0)).getSimple()).isEqualTo(word.toUpperCase());
        assertThat(parse("INSERT INTO t (" + word + ") VALUES (1)")).isInstanceOf(SqlInsert.class);
        assertThat(parse("UPDATE t SET " + word + " = 2")).isInstanceOf(SqlUpdate.class);
        SqlDdlStatement ddl = (SqlDdlStatement) parse("CREATE TABLE " + word + " (" + word + " INT)");
        assertThat(ddl.columns().get(0).getSimple()).isEqualTo(word.toUpperCase());
    }

    @Test
    void syntaxErrorNamesLineColumnAndToken() {
        assertThatThrownBy(() -> parse("SELECT a,\n  b\nFORM t"))
                .isInstanceOfSatisfying(SQLSyntaxErrorException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42000");
                    assertThat(e.getCause()).isInstanceOf(SqlParseException.class);
                    assertThat(e.getMessage()).contains("line 3, column 6").contains("\"t\"");
                });
        assertThatThrownBy(() -> parse("SELECT *\n\tFROM t WHERE a = = 1"))
                .isInstanceOfSatisfying(SQLSyntaxErrorException.class, e ->
                        assertThat(e.getMessage()).contains("line 2, column 17").contains("\"=\"")
                                .contains("\tFROM t WHERE a = = 1\n" + " ".repeat(16) + "^"));
    }

    @Test
    void syntaxErrorPositionsIgnoreBlankedHint() {
        assertThatThrownBy(() -> parse("/*+ shardwise node=n1 */ SELECT * FROM t WHERE"))
                .isInstanceOfSatisfying(SQLSyntaxErrorException.class, e ->
                        assertThat(e.getMessage()).contains("line 1, column 46").contains("end of the statement"));
    }

    @Test
    void lexicalErrorIsASyntaxError() {
        assertThatThrownBy(() -> parse("SELECT 'abc FROM t"))
                .isInstanceOfSatisfying(SQLSyntaxErrorException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42000");
                    assertThat(e.getMessage()).contains("line 1");
                });
    }

    @Test
    void mysqlBackticksAndLimitOffsetCount() throws Exception {
        SqlNode node = ShardwiseSqlParser.parse("SELECT `id`, `Name` FROM `orders` WHERE `id` = ? LIMIT 10, 20",
                SqlDialectKind.MYSQL);
        SqlOrderBy orderBy = (SqlOrderBy) node;
        assertThat(((SqlNumericLiteral) orderBy.offset).intValue(true)).isEqualTo(10);
        assertThat(((SqlNumericLiteral) orderBy.fetch).intValue(true)).isEqualTo(20);
        SqlSelect select = (SqlSelect) orderBy.query;
        assertThat(((SqlIdentifier) select.getSelectList().get(1)).getSimple()).isEqualTo("Name");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("orders");
    }

    @Test
    void doubleQuotedIdentifiersKeepCaseUnquotedAreUpperCased() throws Exception {
        SqlSelect select = (SqlSelect) ShardwiseSqlParser.parse("SELECT \"Id\", name FROM \"Orders\"",
                SqlDialectKind.POSTGRESQL);
        assertThat(((SqlIdentifier) select.getSelectList().get(0)).getSimple()).isEqualTo("Id");
        assertThat(((SqlIdentifier) select.getSelectList().get(1)).getSimple()).isEqualTo("NAME");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("Orders");
    }

    @Test
    void shuttleKeepsExtensions() throws Exception {
        SqlNode node = parse("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2 RETURNING id");
        SqlNode copy = node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return new SqlIdentifier(id.names, id.getParserPosition());
            }
        });
        assertThat(copy).isInstanceOf(SqlReturning.class);
        assertThat(((SqlReturning) copy).statement()).isInstanceOf(SqlUpsert.class);
        assertThat(copy.toString()).isEqualTo(node.toString());
    }

    @Test
    void postgresCastOperator() throws Exception {
        SqlSelect select = (SqlSelect) ShardwiseSqlParser.parse(
                "SELECT a::text FROM t WHERE doc = ?::jsonb AND n = '5'::numeric(10, 2)", SqlDialectKind.POSTGRESQL);
        assertThat(select.getSelectList().get(0).getKind()).isEqualTo(SqlKind.CAST);
        assertThat(select.getWhere().toString()).contains("JSONB").contains("DECIMAL(10, 2)");
    }

    @Test
    void mysqlDoubleQuotedTextIsAString() throws Exception {
        SqlSelect select = (SqlSelect) ShardwiseSqlParser.parse(
                "SELECT * FROM t WHERE name = \"x y\" AND c = 'say \"hi\"' AND `d\"` = 1 -- \"z",
                SqlDialectKind.MYSQL);
        org.apache.calcite.sql.SqlCall and = (org.apache.calcite.sql.SqlCall) select.getWhere();
        org.apache.calcite.sql.SqlCall nameEq = (org.apache.calcite.sql.SqlCall)
                ((org.apache.calcite.sql.SqlCall) and.operand(0)).operand(0);
        SqlNode value = nameEq.operand(1);
        assertThat(value).isInstanceOf(org.apache.calcite.sql.SqlCharStringLiteral.class);
        assertThat(((org.apache.calcite.sql.SqlLiteral) nameEq.operand(1)).getValueAs(String.class)).isEqualTo("x y");
        assertThatThrownBy(() -> ShardwiseSqlParser.parse("SELECT * FROM t WHERE a = \"it's\"", SqlDialectKind.MYSQL))
                .isInstanceOf(SQLSyntaxErrorException.class)
                .hasMessageContaining("line 1");
        // Under H2 and PostgreSQL rules "x" stays an identifier.
        SqlSelect h2 = (SqlSelect) parse("SELECT * FROM t WHERE name = \"x\"");
        SqlNode h2Value = ((org.apache.calcite.sql.SqlCall) h2.getWhere()).operand(1);
        assertThat(h2Value).isInstanceOf(SqlIdentifier.class);
    }

    @Test
    void mysqlInsertIgnore() throws Exception {
        SqlUpsert u = (SqlUpsert) ShardwiseSqlParser.parse("INSERT IGNORE INTO `t` (`a`, b) VALUES (?, ?), (1, 2)",
                SqlDialectKind.MYSQL);
        assertThat(u.style()).isEqualTo(SqlUpsert.Style.INSERT_IGNORE);
        assertThat(u.action()).isEqualTo(SqlUpsert.Action.NOTHING);
        assertThat(u.insert().getTargetColumnList()).hasSize(2);
        assertThat(((SqlIdentifier) u.insert().getTargetTable()).getSimple()).isEqualTo("t");
        assertThat(u.insert().getSource().getKind()).isEqualTo(SqlKind.VALUES);
        assertThat(u.toString()).startsWith("INSERT IGNORE INTO `t` (`a`, `b`)");
        assertThat(ShardwiseSqlParser.parse(u.toString(), SqlDialectKind.MYSQL)).isInstanceOf(SqlUpsert.class);
        SqlUpsert fromSelect = (SqlUpsert) parse("INSERT IGNORE INTO t SELECT * FROM s WHERE a > 1");
        assertThat(fromSelect.insert().getTargetColumnList()).isNull();
        assertThat(parse("SELECT ignore FROM ignore")).isInstanceOf(SqlSelect.class);
    }

    @Test
    void parsesConcurrentlyFromManyThreads() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 500; i++) {
                        String sql = "SELECT c" + id + " FROM t" + i + " WHERE k = ? AND j = " + i;
                        SqlSelect s = (SqlSelect) parse(sql);
                        if (((SqlIdentifier) s.getFrom()).getSimple().equals("T" + i)
                                && ((SqlIdentifier) s.getSelectList().get(0)).getSimple().equals("C" + id)) {
                            ok++;
                        }
                        if (i % 50 == 0) {
                            try {
                                parse("SELECT FROM WHERE");
                            } catch (SQLSyntaxErrorException expected) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(510);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unterminatedCommentDoesNotLeakIntoTheNextParse() throws Exception {
        assertThatThrownBy(() -> parse("SELECT * FROM t /* no end")).isInstanceOf(SQLSyntaxErrorException.class);
        assertThat(parse("SELECT * FROM t /* ok */ WHERE a = 1")).isInstanceOf(SqlSelect.class);
        assertThat(ShardwiseSqlParser.parse("SELECT `a` FROM t", SqlDialectKind.MYSQL)).isInstanceOf(SqlSelect.class);
        assertThat(parse("SELECT \"a\" FROM t")).isInstanceOf(SqlSelect.class);
    }

    @Test
    void warmUpParsesEverything() {
        ShardwiseSqlParser.warmUp();
    }
}
