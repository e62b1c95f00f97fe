package io.shardwise.profiler.analysis;

import io.shardwise.profiler.cluster.Tier;
import io.shardwise.profiler.forecast.SeriesForecast;

/**
 * One forecast series of a group, with everything a FORECAST or HOTSPOTS view prints. Loads are statements per
 * forecast step.
 *
 * @param shardId  the shard (SHARD entries), else -1
 * @param lo       first key point covered (inclusive)
 * @param hi       last key point covered (inclusive)
 * @param keyValue the application's key object (KEY entries, when known), else null
 * @param node     the shard's node (SHARD entries), else null
 * @param actual   the last observed step's load
 */
public record ForecastEntry(Kind kind, int groupId, int shardId, long lo, long hi, Object keyValue, String node,
                            double actual, SeriesForecast forecast, Tier tier) {
    public enum Kind {
        GROUP_TOTAL, SHARD, SEGMENT, KEY
    }

    /** Predicted load of the next step. */
    public double predictedNext() {
        return forecast.at(1);
    }

    /** Predicted load {@code steps} ahead (1-based). */
    public double predicted(int steps) {
        return forecast.at(steps);
    }
}
