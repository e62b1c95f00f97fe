package io.shardwise.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private final BenchConfig config = BenchConfig.parse("smoke", "rounds=3", "workloads=point-select");

    @Test
    void ratiosAreMediansOfPerRoundRatiosAndTargetsAreJudged() {
        Map<String, Cell> cells = new LinkedHashMap<>();
        put(cells, "direct", StatementStyle.PREPARED, 100, 100, 100);
        put(cells, "shardwise", StatementStyle.PREPARED, 90, 80, 95);     // ratios 0.90 0.80 0.95 -> 0.90
        put(cells, "shardingsphere", StatementStyle.PREPARED, 50, 50, 50);
        put(cells, "direct", StatementStyle.LITERAL, 100, 100, 100);
        put(cells, "shardwise", StatementStyle.LITERAL, 60, 65, 90);      // -> 0.65
        put(cells, "shardingsphere", StatementStyle.LITERAL, 70, 70, 70);

        MarkdownReport report = new MarkdownReport(config, cells, Map.of());
        assertThat(MarkdownReport.median(report.ratios(Workload.POINT_SELECT, StatementStyle.PREPARED,
                "shardwise", "direct"))).isEqualTo(0.90, org.assertj.core.api.Assertions.within(1e-9));

        String md = report.render(MachineInfo.collect(), "cmd", 0);
        assertThat(md).contains("PreparedStatement: shardwise / direct >= 0.85: 0.90 **met** (by p50: 1.00")
                .contains("Statement + literals: shardwise / direct >= 0.70: 0.65 **missed**")
                .contains("**missed** on point-select / Statement + literals (0.93)");
    }

    private void put(Map<String, Cell> cells, String target, StatementStyle style, double... perRound) {
        Cell c = new Cell(target, Workload.POINT_SELECT, style, perRound.length);
        for (int i = 0; i < perRound.length; i++) {
            c.addWindow(i, new Cell.Window((long) perRound[i], 1_000_000_000L, 0, 0));
            c.latency.record(1_000);
        }
        cells.put(BenchRunner.key(target, Workload.POINT_SELECT, style), c);
    }
}
