package io.shardwise.router;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardwise.router.plan.BoundPlan;
import io.shardwise.router.plan.Planner;
import io.shardwise.router.plan.StatementPlan;
import io.shardwise.router.sql.NormalizedStatement;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.sql.SqlNormalizer;
import java.sql.SQLException;

/**
 * The plan cache: Caffeine, keyed by SQL text. A PreparedStatement's text (or any text without literals) is
 * looked up as is: a hit is one hash lookup. A text with literals is normalised ({@code id = 7} -> {@code id = ?})
 * and served by the cached plan of the normalised text with the literal values bound ({@link BoundPlan}), so a
 * plain Statement with ever-new literal values neither parses nor fills the cache with one-off plans.
 */
final class PlanSource {
    private final Planner planner;
    private final SqlDialectKind dialect;
    private final Cache<String, StatementPlan> cache;

    PlanSource(Planner planner, SqlDialectKind dialect, int size) {
        this.planner = planner;
        this.dialect = dialect;
        this.cache = Caffeine.newBuilder().maximumSize(size).build();
    }

    StatementPlan plan(String sql) throws SQLException {
        StatementPlan p = cache.getIfPresent(sql);
        if (p != null) {
            return p;
        }
        NormalizedStatement n = SqlNormalizer.normalize(sql, dialect);
        if (n.hasLiterals()) {
            StatementPlan shared = cache.getIfPresent(n.sql());
            if (shared == null) {
                try {
                    shared = planner.plan(n.sql());
                } catch (SQLException e) {
                    // The normalised text may not parse or plan where the original does (a literal the grammar
                    // insists on): plan the original text itself.
                    return planAndCache(sql);
                }
                cache.put(n.sql(), shared);
            }
            BoundPlan bound = new BoundPlan(n, shared);
            if (n.applicationParameterCount() > 0) {
                // Literals next to placeholders: a PreparedStatement's text, which comes back again and again.
                // Ad-hoc texts (literals only) are not cached, so ever-new values do not churn the cache.
                cache.put(sql, bound);
            }
            return bound;
        }
        return planAndCache(sql);
    }

    private StatementPlan planAndCache(String sql) throws SQLException {
        StatementPlan p = planner.plan(sql);
        cache.put(sql, p);
        return p;
    }

    void warmUp() throws SQLException {
        planner.warmUp();
    }

    void invalidateAll() {
        cache.invalidateAll();
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
