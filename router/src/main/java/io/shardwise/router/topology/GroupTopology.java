package io.shardwise.router.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The shards of one group, indexed for lookups that allocate nothing and take no lock: range shards sorted by
 * {@code lo} with their starts in a {@code long[]}, and pinned points sorted in a {@code long[]} with the shard
 * holding each. Range shards must cover the group's whole key space without gaps or overlaps.
 */
public final class GroupTopology {
    private final String name;
    private final ShardingStrategy strategy;
    private final Shard[] rangeShards;
    private final long[] starts;
    private final long[] pinnedPoints;
    private final Shard[] pinnedOwners;
    private final List<Shard> all;
    private final List<String> nodes;

    public GroupTopology(String name, ShardingStrategy strategy, List<Shard> shards) {
        this.name = name;
        this.strategy = strategy;
        List<Shard> ranges = new ArrayList<>();
        List<long[]> pins = new ArrayList<>();
        for (Shard s : shards) {
            if (!s.group().equals(name)) {
                throw new IllegalArgumentException(s + " is not in group " + name);
            }
            if (s.isPinned()) {
                for (long p : s.pinned()) {
                    pins.add(new long[] {p, s.id()});
                }
            } else {
                ranges.add(s);
            }
        }
        ranges.sort(Comparator.comparingLong(Shard::lo));
        long expected = KeyPoints.minPoint(strategy);
        for (int i = 0; i < ranges.size(); i++) {
            Shard s = ranges.get(i);
            if (s.lo() != expected) {
                throw new IllegalArgumentException("group " + name + ": " + s + " should start at " + expected);
            }
            expected = s.hi();
        }
        if (ranges.isEmpty() || expected != Long.MAX_VALUE) {
            throw new IllegalArgumentException("group " + name + ": range shards must cover the key space up to "
                    + Long.MAX_VALUE);
        }
        this.rangeShards = ranges.toArray(new Shard[0]);
        this.starts = new long[rangeShards.length];
        for (int i = 0; i < rangeShards.length; i++) {
            starts[i] = rangeShards[i].lo();
        }
        pins.sort(Comparator.comparingLong(p -> p[0]));
        this.pinnedPoints = new long[pins.size()];
        this.pinnedOwners = new Shard[pins.size()];
        for (int i = 0; i < pins.size(); i++) {
            pinnedPoints[i] = pins.get(i)[0];
            if (i > 0 && pinnedPoints[i] == pinnedPoints[i - 1]) {
                throw new IllegalArgumentException("group " + name + ": point " + pinnedPoints[i] + " pinned twice");
            }
            int id = (int) pins.get(i)[1];
            pinnedOwners[i] = shards.stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        }
        List<Shard> sorted = new ArrayList<>(ranges);
        shards.stream().filter(Shard::isPinned).sorted(Comparator.comparingInt(Shard::id)).forEach(sorted::add);
        this.all = List.copyOf(sorted);
        LinkedHashSet<String> owners = new LinkedHashSet<>();
        for (Shard s : all) {
            owners.add(s.node());
        }
        this.nodes = List.copyOf(owners);
    }

    public String name() {
        return name;
    }

    public ShardingStrategy strategy() {
        return strategy;
    }

    /** The shard that owns {@code point}: a pinned point first, else the range containing it. Allocates nothing. */
    public Shard shardFor(long point) {
        if (pinnedPoints.length > 0) {
            int p = Arrays.binarySearch(pinnedPoints, point);
            if (p >= 0) {
                return pinnedOwners[p];
            }
        }
        int i = Arrays.binarySearch(starts, point);
        return rangeShards[i >= 0 ? i : -i - 2];
    }

    /**
     * Every shard owning some point in {@code [from, to]} (both inclusive), in key order with pinned shards last.
     * Pinned shards are included when one of their points is in the interval; a range shard is included even when
     * every point it has in the interval is pinned elsewhere (harmless: it has no rows there).
     */
    public List<Shard> shardsBetween(long from, long to) {
        List<Shard> out = new ArrayList<>();
        if (from > to) {
            return out;
        }
        int i = Arrays.binarySearch(starts, from);
        for (i = i >= 0 ? i : -i - 2; i < rangeShards.length && rangeShards[i].lo() <= to; i++) {
            out.add(rangeShards[i]);
        }
        int p = Arrays.binarySearch(pinnedPoints, from);
        for (p = p >= 0 ? p : -p - 1; p < pinnedPoints.length && pinnedPoints[p] <= to; p++) {
            if (!out.contains(pinnedOwners[p])) {
                out.add(pinnedOwners[p]);
            }
        }
        return out;
    }

    /** All shards: range shards in key order, then pinned shards by id. */
    public List<Shard> shards() {
        return all;
    }

    /** The nodes that own at least one shard of the group, in key order of their first shard. */
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupTopology g && g.name.equals(name) && g.strategy == strategy && g.all.equals(all);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + all.hashCode();
    }
}
