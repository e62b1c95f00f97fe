package io.shardwise.profiler.analysis;

import io.shardwise.profiler.plan.GroupLoad;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A forecast report plus what the map generator needs from it: per group the predicted loads at the moments maps
 * are balanced for, and the co-access groups.
 */
public record Analysis(ForecastReport report, Map<Integer, GroupLoad> planLoads, Map<Integer, List<Set<Long>>> coAccess) {
}
