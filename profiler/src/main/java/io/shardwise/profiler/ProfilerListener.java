package io.shardwise.profiler;

/** Subscribes to a new forecast and proposal every bucket. Called on the thread that rolls buckets: return quickly. */
@FunctionalInterface
public interface ProfilerListener {
    void onUpdate(ProfilerUpdate update);
}
