package io.shardwise.profiler.cluster;

/** Load tiers: where to pin and spread (HOT), watch (WARM), or pack densely and leave alone (COLD). */
public enum Tier {
    HOT, WARM, COLD
}
