package io.shardwise.profiler.analysis;

import java.util.List;
import java.util.Set;

/** Every forecast of one group, and its groups of keys accessed together. */
public record GroupForecast(int groupId, String name, int period, ForecastEntry total, List<ForecastEntry> shards,
                            List<ForecastEntry> segments, List<ForecastEntry> keys, List<Set<Long>> coAccessGroups) {
    public GroupForecast {
        shards = List.copyOf(shards);
        segments = List.copyOf(segments);
        keys = List.copyOf(keys);
        coAccessGroups = List.copyOf(coAccessGroups);
    }
}
