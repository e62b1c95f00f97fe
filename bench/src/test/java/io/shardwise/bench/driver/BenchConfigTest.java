package io.shardwise.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void presetThenOverrides() {
        BenchConfig c = BenchConfig.parse("smoke", "rows=500", "targets=shardwise,direct", "workloads=point-select",
                "styles=literal");
        assertThat(c.preset()).isEqualTo("smoke");
        assertThat(c.rows()).isEqualTo(500);
        assertThat(c.targets()).containsExactly("direct", "shardwise");
        assertThat(c.orderedWorkloads()).containsExactly(Workload.POINT_SELECT);
        assertThat(c.orderedStyles()).containsExactly(StatementStyle.LITERAL);
    }

    @Test
    void noArgumentsMeansTheFullRunOverAllTargets() {
        BenchConfig c = BenchConfig.parse();
        assertThat(c.preset()).isEqualTo("full");
        assertThat(c.targets()).isEqualTo(BenchConfig.ALL_TARGETS);
        assertThat(c.orderedWorkloads()).hasSize(5);
        assertThat(c.orderedStyles()).hasSize(2);
    }

    @Test
    void badInputIsRefusedWithTheOffendingName() {
        assertThatThrownBy(() -> BenchConfig.parse("rowz=5")).hasMessageContaining("rowz");
        assertThatThrownBy(() -> BenchConfig.parse("turbo")).hasMessageContaining("turbo");
        assertThatThrownBy(() -> BenchConfig.parse("targets=shardwise")).hasMessageContaining("direct");
        assertThatThrownBy(() -> BenchConfig.parse("workloads=full-scan")).hasMessageContaining("full-scan");
        assertThat(List.of(BenchConfig.parse("rows=100").rows())).containsExactly(100);
        assertThatThrownBy(() -> BenchConfig.parse("rows=99")).hasMessageContaining("rows");
    }
}
