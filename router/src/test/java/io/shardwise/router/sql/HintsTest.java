package io.shardwise.router.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLSyntaxErrorException;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.junit.jupiter.api.Test;

class HintsTest {

    @Test
    void absentHintIsNull() throws Exception {
        assertThat(Hints.forcedNode("SELECT * FROM t WHERE id = 1")).isNull();
        assertThat(Hints.forcedNode("SELECT /*+ INDEX(t i) */ * FROM t")).isNull();
        assertThat(Hints.forcedNode("SELECT 1 /* shardwise node=n1 */")).isNull();
        assertThat(Hints.forcedNode("/*+ shardwisex node=n1 */ SELECT 1")).isNull();
    }

    @Test
    void readsTheNodeAnywhere() throws Exception {
        assertThat(Hints.forcedNode("/*+ shardwise node=n2 */ SELECT * FROM t")).isEqualTo("n2");
        assertThat(Hints.forcedNode("SELECT * FROM t /*+shardwise node = n3*/")).isEqualTo("n3");
        assertThat(Hints.forcedNode("UPDATE t SET a = 1 /*+ INDEX(x) */ /*+ SHARDWISE  NODE=node-7 */"))
                .isEqualTo("node-7");
        assertThat(Hints.forcedNode("SELECT 1 /*+ shardwise other=x node=n4 */")).isEqualTo("n4");
    }

    @Test
    void hintWithoutNodeIsAnError() {
        assertThatThrownBy(() -> Hints.forcedNode("/*+ shardwise nod=n2 */ SELECT 1"))
                .isInstanceOfSatisfying(SQLSyntaxErrorException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42000");
                    assertThat(e.getMessage()).contains("nod=n2");
                });
    }

    @Test
    void parserIgnoresShardwiseHintsButKeepsCalcitesOwn() throws Exception {
        assertThat(ShardwiseSqlParser.parse("/*+ shardwise node=n2 */ SELECT * FROM t", SqlDialectKind.H2))
                .isInstanceOf(SqlSelect.class);
        assertThat(ShardwiseSqlParser.parse("UPDATE t SET a = 1 /*+ shardwise node=n2 */\nWHERE b = 2",
                SqlDialectKind.H2)).isInstanceOf(SqlUpdate.class);
        SqlSelect select = (SqlSelect) ShardwiseSqlParser.parse("SELECT /*+ shardwise node=n2 */ /*+ idx(a) */ a"
                + " FROM t", SqlDialectKind.H2);
        assertThat(select.getHints()).hasSize(1);
    }
}
