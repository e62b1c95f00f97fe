package io.shardwise.router.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persisted form of a topology: plain text, one line per group and per shard, so an operator can read it and a
 * diff shows what a migration changed. No reflection, no schema library.
 *
 * <pre>
 * shardwise-topology 1
 * version 7
 * group orders HASH
 * shard 1 orders 0 4611686018427387903 - n1 STABLE - 1
 * shard 5 orders 0 0 12,45 n2 COPYING n1 7
 * </pre>
 * A shard line is: id, group, lo, hi, pinned points (comma-separated, or {@code -}), owner node, state, target node
 * (or {@code -}), version.
 */
public final class TopologyCodec {
    static final String HEADER = "shardwise-topology 1";

    private TopologyCodec() {
    }

    public static String encode(Topology t) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("version ").append(t.version()).append('\n');
        for (GroupTopology g : t.groups().values()) {
            b.append("group ").append(g.name()).append(' ').append(g.strategy()).append('\n');
        }
        for (GroupTopology g : t.groups().values()) {
            for (Shard s : g.shards()) {
                b.append("shard ").append(s.id()).append(' ').append(s.group()).append(' ')
                        .append(s.lo()).append(' ').append(s.hi()).append(' ');
                if (s.isPinned()) {
                    for (int i = 0; i < s.pinned().length; i++) {
                        b.append(i == 0 ? "" : ",").append(s.pinned()[i]);
                    }
                } else {
                    b.append('-');
                }
                b.append(' ').append(s.node()).append(' ').append(s.state()).append(' ')
                        .append(s.targetNode() == null ? "-" : s.targetNode()).append(' ').append(s.version())
                        .append('\n');
            }
        }
        return b.toString();
    }

    /** @throws IllegalArgumentException naming the line when the text is not a valid topology */
    public static Topology decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("not a Shardwise topology file (expected first line '" + HEADER + "')");
        }
        long version = -1;
        Map<String, ShardingStrategy> groups = new LinkedHashMap<>();
        List<Shard> shards = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" +");
            try {
                switch (f[0]) {
                    case "version" -> version = Long.parseLong(f[1]);
                    case "group" -> groups.put(f[1], ShardingStrategy.valueOf(f[2]));
                    case "shard" -> {
                        if (f.length != 10) {
                            throw new IllegalArgumentException("a shard line has 10 fields");
                        }
                        long[] pinned = null;
                        if (!f[5].equals("-")) {
                            String[] p = f[5].split(",");
                            pinned = new long[p.length];
                            for (int i = 0; i < p.length; i++) {
                                pinned[i] = Long.parseLong(p[i]);
                            }
                        }
                        shards.add(new Shard(Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]),
                                Long.parseLong(f[4]), pinned, f[6], ShardState.valueOf(f[7]),
                                f[8].equals("-") ? null : f[8], Long.parseLong(f[9])));
                    }
                    default -> throw new IllegalArgumentException("unknown entry '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("topology line " + (n + 1) + " ('" + line + "'): " + e.getMessage(), e);
            }
        }
        if (version < 0) {
            throw new IllegalArgumentException("topology has no version line");
        }
        return Topology.of(version, groups, shards);
    }
}
