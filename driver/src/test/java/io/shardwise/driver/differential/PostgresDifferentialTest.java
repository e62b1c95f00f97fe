package io.shardwise.driver.differential;

import io.shardwise.testkit.Backends;
import io.shardwise.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The differential workload through the driver over 2 real PostgreSQL nodes, against one PostgreSQL database. */
class PostgresDifferentialTest {

    @Test
    void driverOverPostgresMatchesOneDatabase() throws SQLException {
        DifferentialRun fromProperties = DifferentialRun.fromSystemProperties();
        // PostgreSQL round trips cost more than in-memory H2: a shorter run by default, the same seed.
        DifferentialRun run = new DifferentialRun(fromProperties.seed,
                System.getProperty(DifferentialRun.OPERATIONS_PROPERTY) == null ? 3000 : fromProperties.operations);
        List<TestDatabase> dbs = Backends.postgresDatabases(3, "diff");
        List<ShardwiseTarget.Node> nodes = new ArrayList<>();
        for (TestDatabase db : dbs.subList(0, 2)) {
            nodes.add(new ShardwiseTarget.Node(db.url(), db.user(), db.password()));
        }
        TestDatabase whole = dbs.get(2);
        long start = System.nanoTime();
        try (Target reference = DifferentialRun.reference(new JdbcTarget("one PostgreSQL database",
                whole.connect()));
             Target sharded = new ShardwiseTarget(nodes)) {
            run.run(reference, sharded);
            System.out.println(run.summary(sharded.name(), (System.nanoTime() - start) / 1_000_000));
        }
        assertThat(run.reads + run.writes).isGreaterThanOrEqualTo(run.operations);
    }
}
