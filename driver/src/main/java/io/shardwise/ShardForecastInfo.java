package io.shardwise;

/**
 * One shard's load forecast, as {@code SHOW SHARDWISE FORECAST} and {@link ShardwiseAdmin#forecast()} report it.
 *
 * @param group              the shard's group
 * @param shardId            the shard
 * @param node               its owner
 * @param actualPerSecond    statements per second in the last complete forecast step
 * @param predictedPerSecond statements per second predicted for the next step
 * @param model              the model chosen by backtest (NAIVE, SEASONAL_NAIVE, EXPONENTIAL_SMOOTHING, HOLT,
 *                           HOLT_WINTERS)
 * @param backtestMase       the chosen model's backtest MASE; NaN when the history is too short to backtest
 * @param backtestSmape      the chosen model's backtest sMAPE (0..200); NaN likewise
 * @param naiveMase          the backtest MASE of "next = last", the baseline; NaN likewise
 * @param naiveSmape         the backtest sMAPE of "next = last"; NaN likewise
 */
public record ShardForecastInfo(String group, long shardId, String node, double actualPerSecond,
                                double predictedPerSecond, String model, double backtestMase, double backtestSmape,
                                double naiveMase, double naiveSmape) {
}
