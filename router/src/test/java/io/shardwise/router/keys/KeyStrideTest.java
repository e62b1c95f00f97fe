package io.shardwise.router.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardwise.router.sql.SqlDialectKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyStrideTest {

    @Test
    void slotsFollowTheNodeListAndClassesAreDisjoint() {
        List<String> nodes = List.of("a", "b", "c");
        KeyStride a = KeyStride.ofNode(nodes, "a", 64);
        KeyStride c = KeyStride.ofNode(nodes, "c", 64);
        assertThat(a.slot()).isEqualTo(1);
        assertThat(c.slot()).isEqualTo(3);
        for (long k = 1; k < 10_000; k++) {
            assertThat(a.owns(k) && c.owns(k)).as("key %d", k).isFalse();
        }
        assertThat(a.owns(65)).isTrue();
        assertThat(c.owns(67)).isTrue();
        assertThat(c.owns(1)).isFalse();
    }

    @Test
    void firstAtLeastAlignsUpIntoTheNodesClass() {
        KeyStride s = new KeyStride(64, 3);
        assertThat(s.firstAtLeast(-5)).isEqualTo(3);
        assertThat(s.firstAtLeast(1)).isEqualTo(3);
        assertThat(s.firstAtLeast(3)).isEqualTo(3);
        assertThat(s.firstAtLeast(4)).isEqualTo(67);
        assertThat(s.firstAtLeast(67)).isEqualTo(67);
        assertThat(s.firstAtLeast(68)).isEqualTo(131);
        KeyStride last = new KeyStride(64, 64);
        assertThat(last.firstAtLeast(65)).isEqualTo(128);
        assertThat(last.owns(128)).isTrue();
    }

    @Test
    void refusesSlotsAndStridesThatCannotWork() {
        assertThatThrownBy(() -> new KeyStride(0, 1)).hasMessageContaining("stride");
        assertThatThrownBy(() -> new KeyStride(70_000, 1)).hasMessageContaining("65535");
        assertThatThrownBy(() -> new KeyStride(4, 5)).hasMessageContaining("slot");
        assertThatThrownBy(() -> KeyStride.ofNode(List.of("a", "b", "c"), "b", 2))
                .hasMessageContaining("3 nodes do not fit a key stride of 2");
        assertThatThrownBy(() -> KeyStride.ofNode(List.of("a"), "z", 64)).hasMessageContaining("unknown node z");
    }

    @Test
    void onlyMysqlNeedsSessionSettings() {
        KeyStride s = new KeyStride(64, 2);
        assertThat(s.sessionInitSql(SqlDialectKind.MYSQL))
                .isEqualTo("SET SESSION auto_increment_increment = 64, auto_increment_offset = 2");
        assertThat(s.sessionInitSql(SqlDialectKind.POSTGRESQL)).isNull();
        assertThat(s.sessionInitSql(SqlDialectKind.H2)).isNull();
    }
}
