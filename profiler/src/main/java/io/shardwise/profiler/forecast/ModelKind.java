package io.shardwise.profiler.forecast;

/** The forecasting models the profiler chooses from, per series. */
public enum ModelKind {
    /** next = last: the baseline every other model is measured against. */
    NAIVE,
    /** next = the same point one season ago. */
    SEASONAL_NAIVE,
    /** simple exponential smoothing: a level, no trend, no season. */
    EXPONENTIAL_SMOOTHING,
    /** Holt's linear method: level and trend. */
    HOLT,
    /** additive Holt-Winters: level, trend and an additive season. */
    HOLT_WINTERS
}
