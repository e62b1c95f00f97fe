package io.shardwise.driver.merge;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryResultSetTest {

    private static InMemoryResultSet shards(Statement owner) {
        return InMemoryResultSet.of(List.of("GROUP", "SHARD_ID", "NODE", "VERSION", "node"),
                new int[] {Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.BIGINT, Types.VARCHAR},
                List.of(new Object[] {"orders", 0, "n1", 3L, "first"}, new Object[] {"orders", 1, "n2", null, "x"}),
                owner);
    }

    @Test
    void readsRowsByIndexAndCaseInsensitiveLabelFirstMatchWins() throws SQLException {
        ResultSet rs = shards(null);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("group")).isEqualTo("orders");
        assertThat(rs.getInt("Shard_Id")).isZero();
        assertThat(rs.getString("NODE")).isEqualTo("n1"); // the first of the two "node" columns
        assertThat(rs.findColumn("node")).isEqualTo(3);
        assertThat(rs.getLong(4)).isEqualTo(3L);
        assertThat(rs.getString(4)).isEqualTo("3");
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.getRow()).isEqualTo(1);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("version")).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getObject(4)).isNull();
        assertThat(rs.next()).isFalse();
        assertThat(rs.next()).isFalse();
        assertThatThrownBy(() -> rs.getString(1)).isInstanceOf(SQLException.class).hasMessageContaining("no current row");
    }

    @Test
    void metadataComesFromTheColumns() throws SQLException {
        ResultSet rs = shards(null);
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(5);
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("SHARD_ID");
        assertThat(rs.getMetaData().getColumnType(4)).isEqualTo(Types.BIGINT);
        assertThat(rs.getMetaData().getColumnClassName(4)).isEqualTo(Long.class.getName());
        assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("CHARACTER VARYING");
    }

    @Test
    void forwardOnlyReadOnlyAndClearErrors() throws SQLException {
        Statement owner = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (p, m, a) -> null) instanceof Statement s ? s : null;
        ResultSet rs = shards(owner);
        assertThat(rs.getStatement()).isSameAs(owner);
        assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
        assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
        rs.setFetchSize(50);
        assertThat(rs.getFetchSize()).isEqualTo(50);
        assertThatThrownBy(rs::previous).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("forward-only");
        assertThatThrownBy(() -> rs.absolute(1)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.setFetchDirection(ResultSet.FETCH_REVERSE))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.updateInt(1, 2)).isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> rs.findColumn("nope")).isInstanceOf(SQLException.class)
                .hasMessageContaining("nope");
        rs.next();
        assertThatThrownBy(() -> rs.getString(6)).isInstanceOf(SQLException.class).hasMessageContaining("1..5");
        assertThatThrownBy(() -> rs.getInt(1)).isInstanceOf(java.sql.SQLDataException.class);
        rs.close();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(rs::next).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void rowsShorterThanTheColumnsAreRejected() {
        assertThatThrownBy(() -> InMemoryResultSet.of(List.of("A", "B"), new int[] {Types.INTEGER, Types.INTEGER},
                List.<Object[]>of(new Object[] {1}), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
