package io.shardwise.profiler;

import io.shardwise.profiler.analysis.ForecastReport;
import io.shardwise.profiler.plan.ShardKeyMap;

/**
 * What the profiler publishes after each closed bucket.
 *
 * @param bucket   the bucket just closed
 * @param forecast the new forecast
 * @param proposal the new map proposal for the layout last given to {@link Profiler#setLayout}, or null if none
 */
public record ProfilerUpdate(long bucket, ForecastReport forecast, ShardKeyMap proposal) {
}
