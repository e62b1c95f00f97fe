package io.shardwise.profiler.analysis;

import java.util.List;

/**
 * The profiler's forecast at one moment.
 *
 * @param generatedAtMillis when the last complete step ended (the forecast starts there)
 * @param stepMillis        length of one forecast step
 * @param horizon           steps forecast ahead
 * @param peakStep          the step ahead (1-based) with the highest predicted total load, within the horizon or,
 *                          when there is a longer season, within the season: moves are timed to finish before it
 * @param peakAtMillis      when that step begins
 */
public record ForecastReport(long generatedAtMillis, long stepMillis, int horizon, int peakStep, long peakAtMillis,
                             List<GroupForecast> groups) {
    public ForecastReport {
        groups = List.copyOf(groups);
    }

    public static ForecastReport empty(long now, long stepMillis, int horizon) {
        return new ForecastReport(now, stepMillis, horizon, 1, now + stepMillis, List.of());
    }

    public GroupForecast group(int groupId) {
        for (GroupForecast g : groups) {
            if (g.groupId() == groupId) {
                return g;
            }
        }
        return null;
    }

    /** Converts a load per step into statements per second. */
    public double perSecond(double perStep) {
        return perStep * 1000.0 / stepMillis;
    }
}
