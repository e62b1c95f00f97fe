package io.shardwise.profiler.forecast;

/** A model run over a whole series, able to forecast from any origin inside it. */
public interface FittedModel {
    ModelKind kind();

    /** Forecast of {@code y[origin + steps]} using only {@code y[0..origin]}; {@code steps >= 1}. */
    double forecast(int origin, int steps);

    /** A short description of the fitted parameters, for display. */
    String parameters();
}
