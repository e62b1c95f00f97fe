package io.shardwise.profiler.analysis;

import io.shardwise.profiler.plan.GroupLoad;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A forecast report plus what the map generator needs from it: loads at the predicted peak and co-access groups. */
public record Analysis(ForecastReport report, Map<Integer, GroupLoad> peakLoads, Map<Integer, List<Set<Long>>> coAccess) {
}
