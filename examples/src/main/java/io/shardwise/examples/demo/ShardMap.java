package io.shardwise.examples.demo;

import io.shardwise.ShardInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which node owns a key, parsed from {@code ShardwiseAdmin.shards()} (ranges "[lo, hi)" and "pinned{a,b}"). */
final class ShardMap {
    private record Entry(long lo, long hi, boolean inclusive, Set<Long> pinned, String node) {
    }

    private final List<Entry> entries = new ArrayList<>();
    final List<ShardInfo> shards;

    ShardMap(List<ShardInfo> shards, String group) {
        this.shards = shards;
        for (ShardInfo s : shards) {
            if (!s.group().equals(group)) {
                continue;
            }
            String k = s.keys();
            if (k.startsWith("pinned{")) {
                Set<Long> pins = new HashSet<>();
                for (String p : k.substring(7, k.length() - 1).split(",")) {
                    pins.add(Long.parseLong(p.trim()));
                }
                entries.add(0, new Entry(0, 0, false, pins, s.node())); // pinned keys win over ranges
            } else {
                String[] lh = k.substring(1, k.length() - 1).split(",");
                entries.add(new Entry(Long.parseLong(lh[0].trim()), Long.parseLong(lh[1].trim()), k.endsWith("]"),
                        null, s.node()));
            }
        }
    }

    String owner(long key) {
        for (Entry e : entries) {
            if (e.pinned != null ? e.pinned.contains(key)
                    : key >= e.lo && (key < e.hi || (e.inclusive && key == e.hi))) {
                return e.node;
            }
        }
        return null;
    }
}
