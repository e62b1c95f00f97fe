package io.shardwise.profiler;

/** Where the profiler reads the time: the system clock in production, a {@link ManualTimeSource} in tests and simulations. */
@FunctionalInterface
public interface TimeSource {
    long currentTimeMillis();

    static TimeSource system() {
        return System::currentTimeMillis;
    }
}
