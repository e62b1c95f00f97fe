package io.shardwise.router;

/**
 * Receives one call per executed statement that touched a sharded group, for the profiler. Called on the
 * statement's path: implementations must be cheap, allocation-free and lock-free.
 */
public interface ExecutionRecorder {
    ExecutionRecorder NONE = (group, hasKey, keyPoint, keyValue, write, nanos) -> { };

    /**
     * @param group    the group the statement touched
     * @param hasKey   whether the statement had exactly one shard-key value ({@code keyPoint} is meaningful)
     * @param keyPoint the key point of that value (see KeyPoints)
     * @param keyValue the key value itself (for display; kept by reference), or null
     * @param write    INSERT/UPDATE/DELETE/DDL rather than a read
     * @param nanos    how long the execution took
     */
    void record(String group, boolean hasKey, long keyPoint, Object keyValue, boolean write, long nanos);

    /** Records nothing ({@code profiler.enabled=false}). */
    ExecutionRecorder OFF = (group, hasKey, keyPoint, keyValue, write, nanos) -> { };
}
