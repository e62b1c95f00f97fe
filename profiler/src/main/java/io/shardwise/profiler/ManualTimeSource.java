package io.shardwise.profiler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: virtual time for tests and the evaluation harness. */
public final class ManualTimeSource implements TimeSource {
    private final AtomicLong millis;

    public ManualTimeSource(long startMillis) {
        millis = new AtomicLong(startMillis);
    }

    @Override
    public long currentTimeMillis() {
        return millis.get();
    }

    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }

    public void set(long epochMillis) {
        millis.set(epochMillis);
    }
}
