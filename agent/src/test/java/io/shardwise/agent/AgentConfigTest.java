package io.shardwise.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static AgentConfig parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return AgentConfig.parse(p);
    }

    @Test
    void readsTablesGroupsAndReportSettings() throws Exception {
        AgentConfig c = parse("table.Orders.shard-key=Customer_ID\ntable.orders.group=cust\n"
                + "table.customers.shard-key=id\nreport.dir=/tmp/x\nreport.interval=5\nprofiler.bucket=2\n");
        assertThat(c.shardKeys()).containsEntry("orders", "customer_id").containsEntry("customers", "id");
        assertThat(c.groupOf("orders")).isEqualTo("cust");
        assertThat(c.groupOf("customers")).isEqualTo("customers");
        assertThat(c.reportDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.bucket()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesUnknownKeysMissingTablesAndBadNumbers() {
        assertThatThrownBy(() -> parse("table.orders.shard-key=id\nreport.intervall=5"))
                .hasMessageContaining("unknown configuration key 'report.intervall'");
        assertThatThrownBy(() -> parse("report.interval=5")).hasMessageContaining("no table to profile");
        assertThatThrownBy(() -> parse("table.orders.shard-key=id\nprofiler.bucket=0"))
                .hasMessageContaining("profiler.bucket must be a whole number of seconds >= 1");
        assertThatThrownBy(() -> parse("table.orders.shard-key=id\ntable.x.group=g"))
                .hasMessageContaining("table.x.shard-key is not");
        assertThatThrownBy(() -> AgentConfig.fromAgentArgs("conf=x")).hasMessageContaining("unknown agent argument");
    }

    @Test
    void canonicalKeysMergeTheIntegralTypesTheRouterHashesAlike() {
        assertThat(ProfileRecorder.canonical(7)).isEqualTo(7L);
        assertThat(ProfileRecorder.canonical(new java.math.BigDecimal("7.00"))).isEqualTo(7L);
        assertThat(ProfileRecorder.canonical("7")).isEqualTo("7");
    }
}
