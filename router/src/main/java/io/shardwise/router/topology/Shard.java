package io.shardwise.router.topology;

import java.util.Arrays;
import java.util.Objects;

/**
 * One piece of a group's key space, owned by one node.
 *
 * <p>A <em>range shard</em> covers the key points {@code [lo, hi)}, except that a shard whose {@code hi} is
 * {@link Long#MAX_VALUE} also covers {@code Long.MAX_VALUE} itself (the key space is closed at the top, and a
 * half-open range could not reach its last point). A <em>pinned shard</em> covers exactly the points in
 * {@code pinned} (sorted, distinct): hot keys given a shard of their own; its {@code lo} and {@code hi} are 0 and
 * mean nothing. A pinned point wins over the range shard whose range contains it.
 *
 * @param id         unique across the whole topology, never reused
 * @param group      the group whose key space this shard cuts
 * @param node       the owner: every read and write of the shard goes there
 * @param state      {@link ShardState#STABLE} unless a move is in flight
 * @param targetNode the node a move is copying to; null when STABLE
 * @param version    the topology version in which this shard last changed
 */
public record Shard(int id, String group, long lo, long hi, long[] pinned, String node, ShardState state,
                    String targetNode, long version) {

    private static final long[] NONE = new long[0];

    public Shard {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        pinned = pinned == null ? NONE : pinned;
        for (int i = 1; i < pinned.length; i++) {
            if (pinned[i - 1] >= pinned[i]) {
                throw new IllegalArgumentException("shard " + id + ": pinned points must be sorted and distinct");
            }
        }
        if (pinned.length == 0 && lo >= hi) {
            throw new IllegalArgumentException("shard " + id + ": empty range [" + lo + ", " + hi + ")");
        }
        if (state == ShardState.STABLE ? targetNode != null : targetNode == null) {
            throw new IllegalArgumentException("shard " + id + ": a target node is set exactly while moving");
        }
    }

    public static Shard range(int id, String group, long lo, long hi, String node, long version) {
        return new Shard(id, group, lo, hi, NONE, node, ShardState.STABLE, null, version);
    }

    public static Shard pinned(int id, String group, long[] points, String node, long version) {
        if (points.length == 0) {
            throw new IllegalArgumentException("a pinned shard needs at least one point");
        }
        long[] sorted = points.clone();
        Arrays.sort(sorted);
        return new Shard(id, group, 0, 0, sorted, node, ShardState.STABLE, null, version);
    }

    public boolean isPinned() {
        return pinned.length > 0;
    }

    /** The range's inclusive top point: {@code hi - 1}, or {@code Long.MAX_VALUE} for the top shard. */
    public long lastPoint() {
        return hi == Long.MAX_VALUE ? Long.MAX_VALUE : hi - 1;
    }

    /** Whether this shard's range (or pin) covers {@code point}; pinning elsewhere is not considered here. */
    public boolean covers(long point) {
        return isPinned() ? Arrays.binarySearch(pinned, point) >= 0 : point >= lo && point <= lastPoint();
    }

    /** Copy with another owner, state and target; the version is the new topology's. */
    public Shard with(String newNode, ShardState newState, String newTarget, long newVersion) {
        return new Shard(id, group, lo, hi, pinned, newNode, newState, newTarget, newVersion);
    }

    /** Human-readable key range: {@code [lo, hi)}, {@code [lo, MAX]} or {@code pinned{p1,p2}}. */
    public String describeKeys() {
        if (isPinned()) {
            StringBuilder b = new StringBuilder("pinned{");
            for (int i = 0; i < pinned.length; i++) {
                b.append(i == 0 ? "" : ",").append(pinned[i]);
            }
            return b.append('}').toString();
        }
        return hi == Long.MAX_VALUE ? "[" + lo + ", " + hi + "]" : "[" + lo + ", " + hi + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shard s && s.id == id && s.lo == lo && s.hi == hi && s.version == version
                && s.group.equals(group) && s.node.equals(node) && s.state == state
                && Objects.equals(s.targetNode, targetNode) && Arrays.equals(s.pinned, pinned);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, group, lo, hi, Arrays.hashCode(pinned), node, state, targetNode, version);
    }

    @Override
    public String toString() {
        return "shard " + id + " of " + group + " " + describeKeys() + " on " + node
                + (state == ShardState.STABLE ? "" : " " + state + " -> " + targetNode) + " v" + version;
    }
}
