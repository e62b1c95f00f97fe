package io.shardwise.driver.profiling;

import io.shardwise.HotspotInfo;
import io.shardwise.PlanInfo;
import io.shardwise.ShardForecastInfo;
import io.shardwise.driver.runtime.ClusterRuntime;
import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.analysis.ForecastEntry;
import io.shardwise.profiler.analysis.ForecastReport;
import io.shardwise.profiler.analysis.GroupForecast;
import io.shardwise.profiler.analysis.Hotspot;
import io.shardwise.profiler.forecast.BacktestError;
import io.shardwise.profiler.plan.PlanStep;
import io.shardwise.profiler.plan.ShardKeyMap;
import io.shardwise.profiler.plan.ShardLayout;
import io.shardwise.router.ShardwiseRouter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the profiler shows through the driver: one implementation behind {@code SHOW SHARDWISE HOTSPOTS},
 * {@code SHOW SHARDWISE FORECAST}, {@code SHARDWISE PLAN} and the same methods of {@link io.shardwise.ShardwiseAdmin}.
 * Loads are converted to statements per second.
 */
public final class ProfilerViews {
    private final ShardwiseRouter router;
    private final Profiler profiler;

    private ProfilerViews(ShardwiseRouter router) {
        this.router = router;
        this.profiler = router.profiler();
    }

    public static ProfilerViews of(ClusterRuntime runtime) throws SQLException {
        ShardwiseRouter r = runtime.router();
        if (r == null) {
            throw new SQLFeatureNotSupportedException("this cluster runtime has no router: no profiler to show");
        }
        return new ProfilerViews(r);
    }

    public List<HotspotInfo> hotspots() throws SQLException {
        layout();
        Map<Integer, String> names = groupNames();
        List<HotspotInfo> out = new ArrayList<>();
        for (Hotspot h : profiler.hotspots()) {
            String key = h.keyValue() != null ? String.valueOf(h.keyValue())
                    : h.lo() == h.hi() ? Long.toString(h.lo()) : "[" + h.lo() + ", " + h.hi() + "]";
            out.add(new HotspotInfo(names.getOrDefault(h.groupId(), h.groupName()), h.kind().name(), key, h.lo(),
                    h.hi(), h.currentPerSecond(), h.predictedPerSecond(), h.tier().name(), h.model().name(),
                    h.mase()));
        }
        return out;
    }

    public List<ShardForecastInfo> forecast() throws SQLException {
        layout();
        Map<Integer, String> names = groupNames();
        ForecastReport report = profiler.forecast();
        List<ShardForecastInfo> out = new ArrayList<>();
        for (GroupForecast g : report.groups()) {
            for (ForecastEntry e : g.shards()) {
                BacktestError chosen = e.forecast().error();
                BacktestError naive = e.forecast().naiveError();
                out.add(new ShardForecastInfo(names.getOrDefault(g.groupId(), g.name()), e.shardId(), e.node(),
                        report.perSecond(e.actual()), report.perSecond(e.predictedNext()),
                        e.forecast().model().name(), chosen.mase(), chosen.smape(), naive.mase(), naive.smape()));
            }
        }
        return out;
    }

    /**
     * The proposal of the last closed bucket when it was made against the current topology; otherwise (no bucket
     * closed yet, or the topology changed since) a fresh one against the current layout.
     */
    public PlanInfo plan() throws SQLException {
        long topologyVersion = router.topology().version();
        ShardKeyMap map = router.latestProposal();
        if (map == null || map.base().version() != topologyVersion) {
            map = profiler.propose(refreshedLayout());
        }
        Map<Integer, String> names = groupNames();
        List<PlanInfo.Step> steps = new ArrayList<>();
        double before = map.imbalanceBefore();
        for (PlanStep s : map.steps()) {
            steps.add(new PlanInfo.Step(s.kind().name(), names.getOrDefault(s.groupId(), "#" + s.groupId()),
                    s.shardId(), s.point(), s.newShardId(), s.fromNode(), s.toNode(), s.estimatedRows(), before,
                    s.imbalanceAfter(), s.finishesAtSeconds(), s.beforePeak(), s.describe()));
            before = s.imbalanceAfter();
        }
        return new PlanInfo(map.version(), map.base().version(), map.imbalanceBefore(), map.imbalanceAfter(),
                map.targetImbalance(), map.rowsMoved(), steps);
    }

    /** The profiler's layout, made now when the router has not given it one yet (or the topology moved on). */
    private ShardLayout layout() throws SQLException {
        ShardLayout l = profiler.layout();
        if (l == null || l.version() != router.topology().version()) {
            l = refreshedLayout();
        }
        return l;
    }

    private ShardLayout refreshedLayout() throws SQLException {
        try {
            return router.refreshProfilerLayout();
        } catch (RuntimeException e) {
            throw new SQLException("cannot build the profiler's view of the topology: " + e.getMessage(), e);
        }
    }

    private Map<Integer, String> groupNames() {
        Map<Integer, String> names = new HashMap<>();
        for (String g : router.spec().groups().keySet()) {
            int id = router.profilerGroupId(g);
            if (id >= 0) {
                names.put(id, g);
            }
        }
        return names;
    }
}
