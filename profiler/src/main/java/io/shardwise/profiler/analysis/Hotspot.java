package io.shardwise.profiler.analysis;

import io.shardwise.profiler.cluster.Tier;
import io.shardwise.profiler.forecast.ModelKind;

/**
 * A hot key or key segment, as a HOTSPOTS view prints it.
 *
 * @param lo, hi             key points covered (inclusive; lo == hi for a key)
 * @param currentPerSecond   statements per second in the last step
 * @param predictedPerSecond statements per second predicted for the next step
 * @param mase               the chosen model's backtest MASE (NaN when the history is too short to backtest)
 */
public record Hotspot(int groupId, String groupName, ForecastEntry.Kind kind, long lo, long hi, Object keyValue,
                      double currentPerSecond, double predictedPerSecond, Tier tier, ModelKind model, double mase) {
}
