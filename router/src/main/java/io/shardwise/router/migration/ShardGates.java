package io.shardwise.router.migration;


/**
 * The gates of all shards, by shard id (shard ids are unique across groups). Lookup is a lock-free read of an
 * array on the writer's hot path; the array grows, copy-on-write, the first time a shard id is seen.
 */
public final class ShardGates {
    private volatile ShardGate[] gates = new ShardGate[64];
    private final Object growLock = new Object();

    public ShardGate gate(int shardId) {
        if (shardId < 0) {
            throw new IllegalArgumentException("shard id " + shardId);
        }
        ShardGate[] g = gates;
        if (shardId < g.length) {
            ShardGate gate = g[shardId];
            if (gate != null) {
                return gate;
            }
        }
        return create(shardId);
    }

    private ShardGate create(int shardId) {
        synchronized (growLock) {
            ShardGate[] g = gates;
            if (shardId >= g.length) {
                ShardGate[] bigger = new ShardGate[Math.max(g.length * 2, shardId + 1)];
                System.arraycopy(g, 0, bigger, 0, g.length);
                g = bigger;
            } else if (g[shardId] != null) {
                return g[shardId];
            } else {
                g = g.clone();
            }
            ShardGate gate = new ShardGate();
            g[shardId] = gate;
            gates = g;
            return gate;
        }
    }
}
