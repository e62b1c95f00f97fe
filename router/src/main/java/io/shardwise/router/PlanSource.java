package io.shardwise.router;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardwise.router.plan.Planner;
import io.shardwise.router.plan.StatementPlan;
import java.sql.SQLException;

/** The plan cache: Caffeine, keyed by the SQL text. A hit is one hash lookup. */
final class PlanSource {
    private final Planner planner;
    private final Cache<String, StatementPlan> cache;

    PlanSource(Planner planner, int size) {
        this.planner = planner;
        this.cache = Caffeine.newBuilder().maximumSize(size).build();
    }

    StatementPlan plan(String sql) throws SQLException {
        StatementPlan p = cache.getIfPresent(sql);
        if (p != null) {
            return p;
        }
        p = planner.plan(sql);
        cache.put(sql, p);
        return p;
    }

    void warmUp() throws SQLException {
        planner.plan("SELECT a, COUNT(*) FROM shardwise_warm_up WHERE a = ? AND b IN (1, 2) GROUP BY a ORDER BY a");
    }

    void invalidateAll() {
        cache.invalidateAll();
    }
}
