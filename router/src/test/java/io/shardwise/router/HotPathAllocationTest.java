package io.shardwise.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.plan.ParameterSource;
import io.shardwise.router.plan.Route;
import io.shardwise.router.plan.StatementPlan;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-statement path of a prepared point statement (plan-cache hit, route, record) allocates nothing, and it is
 * fast. Measured with the JVM's per-thread allocation counter; prints ns/op for the record.
 */
class HotPathAllocationTest {
    private static final int N = 200_000;

    @Test
    void cacheHitRouteAndRecordAllocateNothing() throws SQLException {
        ClusterSpec spec = TestClusters.spec(4, null, "jdbc:h2:mem:" + UUID.randomUUID() + "-");
        try (ShardwiseRouter router = ShardwiseRouter.start(spec)) {
            String select = "SELECT * FROM orders WHERE customer_id = ?";
            String update = "UPDATE orders SET total = total + ? WHERE customer_id = ?";
            Long[] keys = new Long[1024];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = (long) i * 7919;
            }
            int[] at = new int[1];
            ParameterSource params = index -> keys[at[0]];
            ParameterSource updateParams = index -> index == 1 ? (Object) 1 : keys[at[0]]; // no unboxing
            router.plan(select);
            router.plan(update);
            long sink = 0;
            for (int round = 0; round < 3; round++) { // warm up: let the JIT settle
                sink += run(router, select, update, keys, at, params, updateParams);
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            sink += run(router, select, update, keys, at, params, updateParams);
            long nanos = System.nanoTime() - t0;
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            System.out.printf("hot path: %.1f ns per statement (plan hit + route + record), %d bytes allocated"
                    + " over %d statements%n", nanos / (2.0 * N), allocated, 2 * N);
            assertThat(sink).isPositive();
            assertThat(allocated).isLessThan(4_096); // nothing per statement; a few bytes of measurement noise
        }
    }

    private static long run(ShardwiseRouter router, String select, String update, Long[] keys, int[] at,
                            ParameterSource params, ParameterSource updateParams) throws SQLException {
        long sink = 0;
        for (int i = 0; i < N; i++) {
            at[0] = i & 1023;
            StatementPlan p = router.plan(select);
            Route r = p.route(params);
            router.recordExecution(r, params, 1_000);
            StatementPlan u = router.plan(update);
            Route w = u.route(updateParams);
            router.recordExecution(w, updateParams, 1_000);
            sink += r.statements().size() + w.statements().size();
        }
        return sink;
    }
}
