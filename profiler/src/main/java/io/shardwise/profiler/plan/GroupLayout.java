package io.shardwise.profiler.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shards of one group. Range shards must not overlap; a point may be pinned in at most one shard.
 *
 * @param rowsPerKey rows one key point holds across the group's tables (estimate of what pinning and moving one
 *                   hot key costs)
 */
public record GroupLayout(int groupId, List<ShardSpec> shards, double rowsPerKey) {
    public GroupLayout {
        shards = List.copyOf(shards);
        if (rowsPerKey < 0) {
            throw new IllegalArgumentException("group " + groupId + ": negative rowsPerKey");
        }
        List<ShardSpec> ranges = new ArrayList<>();
        Set<Long> pins = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (ShardSpec s : shards) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("group " + groupId + ": duplicate shard id " + s.id());
            }
            if (s.isPinned()) {
                for (Long p : s.pinned()) {
                    if (!pins.add(p)) {
                        throw new IllegalArgumentException("group " + groupId + ": point " + p + " pinned twice");
                    }
                }
            } else {
                ranges.add(s);
            }
        }
        ranges.sort(Comparator.comparingLong(ShardSpec::lo));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).lo() <= ranges.get(i - 1).hiInclusive()) {
                throw new IllegalArgumentException("group " + groupId + ": shards " + ranges.get(i - 1).id() + " and "
                        + ranges.get(i).id() + " overlap");
            }
        }
    }

    /** The shard that owns {@code point}: its pinned shard if any, else the range containing it, else null. */
    public ShardSpec owner(long point) {
        ShardSpec range = null;
        for (ShardSpec s : shards) {
            if (s.isPinned()) {
                if (s.pinned().contains(point)) {
                    return s;
                }
            } else if (s.rangeContains(point)) {
                range = s;
            }
        }
        return range;
    }

    public ShardSpec shard(int id) {
        for (ShardSpec s : shards) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }

    /** Every point pinned in this group. */
    public Set<Long> pinnedPoints() {
        Set<Long> out = new HashSet<>();
        for (ShardSpec s : shards) {
            out.addAll(s.pinned());
        }
        return out;
    }
}
