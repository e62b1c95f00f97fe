package io.shardwise;

/**
 * A hot key or key segment, as {@code SHOW SHARDWISE HOTSPOTS} and {@link ShardwiseAdmin#hotspots()} report it.
 *
 * @param group              the group whose key space it is in
 * @param kind               KEY (one key value) or SEGMENT (a range of key points)
 * @param key                the key value (KEY, when known) or the key-point range {@code [lo, hi]} as text
 * @param lo                 first key point covered (a hash point for HASH groups, the key for RANGE groups)
 * @param hi                 last key point covered (inclusive)
 * @param currentPerSecond   statements per second in the last complete forecast step
 * @param predictedPerSecond statements per second predicted for the next step
 * @param tier               HOT, WARM or COLD by predicted load
 * @param model              the forecasting model chosen for this series by backtest
 * @param backtestMase       that model's backtest MASE (below 1: better than "next = last"); NaN when the history
 *                           is too short to backtest
 */
public record HotspotInfo(String group, String kind, String key, long lo, long hi, double currentPerSecond,
                          double predictedPerSecond, String tier, String model, double backtestMase) {
}
