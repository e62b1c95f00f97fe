package io.shardwise.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.endtoend.app.BankApp;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs an application written for one database ({@link BankApp}) twice, unchanged: against one plain H2 database
 * and against Shardwise over three H2 nodes (only its URL and a properties file differ). Every answer it gives
 * must be the same, and the sharded rows must really be spread over the nodes.
 */
class SingleDatabaseAppTest {

    @Test
    void anApplicationWrittenForOneDatabaseRunsUnchangedOnShardwise(@TempDir Path dir) throws Exception {
        String single = "jdbc:h2:mem:single_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1";
        try (H2Cluster cluster = new H2Cluster(3)) {
            Path file = dir.resolve("bank.properties");
            List<String> lines = new ArrayList<>();
            lines.add("nodes=n1,n2,n3");
            for (int i = 1; i <= 3; i++) {
                lines.add("node.n" + i + ".url=" + cluster.urls.get(i - 1));
            }
            lines.add("table.accounts.shard-key=account_id");
            lines.add("table.ledger.shard-key=account_id");
            lines.add("table.ledger.group=accounts");
            lines.add("group.accounts.shards=6");
            lines.add("reference-tables=branches");
            Files.write(file, lines);

            List<String> plain = runScenario(single);
            List<String> sharded = runScenario("jdbc:shardwise:file:" + file);
            assertThat(sharded).isEqualTo(plain);
            assertThat(plain).contains("accounts=30 total=30000.00");

            long total = 0;
            for (int node = 1; node <= 3; node++) {
                long accounts = cluster.count(node, "accounts");
                assertThat(accounts).as("accounts on n%d", node).isBetween(1L, 29L);
                total += accounts;
                // co-located: every ledger row sits on the node of its account
                assertThat(cluster.scalar(node, "SELECT COUNT(*) FROM ledger l WHERE NOT EXISTS "
                        + "(SELECT 1 FROM accounts a WHERE a.account_id = l.account_id)")).isZero();
                assertThat(cluster.count(node, "branches")).isEqualTo(2);
            }
            assertThat(total).isEqualTo(30);
        }
    }

    /** The application's own scenario; returns everything it observed. */
    private static List<String> runScenario(String url) throws Exception {
        List<String> seen = new ArrayList<>();
        try (BankApp app = new BankApp(url, "sa", "")) {
            app.createSchema();
            List<Long> ids = new ArrayList<>();
            for (long id = 1; id <= 30; id++) {
                ids.add(id * 7919 % 10007);
            }
            app.openAccounts(ids, new BigDecimal("1000.00"));
            app.addBranch("B1", "Porto");
            app.addBranch("B2", "Turku");
            Random random = new Random(7);
            Timestamp at = Timestamp.valueOf("2026-11-24 09:00:00");
            for (int i = 0; i < 60; i++) {
                long from = ids.get(random.nextInt(ids.size()));
                long to = ids.get(random.nextInt(ids.size()));
                if (from == to) {
                    continue;
                }
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(90_000), 2);
                at = new Timestamp(at.getTime() + 60_000);
                seen.add("transfer " + from + "->" + to + " " + amount + ": " + app.transfer(from, to, amount, at));
            }
            for (int i = 0; i < 5; i++) {
                long id = ids.get(i);
                seen.add("balance " + id + "=" + app.balance(id));
                seen.addAll(app.statement(id));
            }
            seen.addAll(app.report());
        }
        return seen;
    }
}
