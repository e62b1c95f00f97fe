package io.shardwise.profiler.cluster;

import io.shardwise.profiler.sketch.CoAccessPair;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keys accessed together: the connected components (union-find) of the graph whose edges are co-accessed pairs
 * seen at least {@code minCount} times (using the guaranteed count, count - error, so sketch overestimates do
 * not invent edges). Components of a single key are not reported; components are capped at {@code maxSize} keys
 * (the heaviest edges are joined first), so one popular key cannot glue the whole key space into one group.
 */
public final class CoAccessGroups {
    private CoAccessGroups() {
    }

    public static List<Set<Long>> find(Collection<CoAccessPair> pairs, long minCount, int maxSize) {
        List<CoAccessPair> edges = new ArrayList<>();
        for (CoAccessPair p : pairs) {
            if (p.count() - p.error() >= minCount) {
                edges.add(p);
            }
        }
        edges.sort((x, y) -> Long.compare(y.count(), x.count()));
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Integer> size = new HashMap<>();
        for (CoAccessPair e : edges) {
            long ra = root(parent, size, e.a());
            long rb = root(parent, size, e.b());
            if (ra == rb || size.get(ra) + size.get(rb) > maxSize) {
                continue;
            }
            if (size.get(ra) < size.get(rb)) {
                long t = ra;
                ra = rb;
                rb = t;
            }
            parent.put(rb, ra);
            size.put(ra, size.get(ra) + size.get(rb));
        }
        Map<Long, Set<Long>> components = new HashMap<>();
        for (Long key : parent.keySet()) {
            components.computeIfAbsent(root(parent, size, key), r -> new TreeSet<>()).add(key);
        }
        List<Set<Long>> out = new ArrayList<>();
        for (Set<Long> c : components.values()) {
            if (c.size() > 1) {
                out.add(c);
            }
        }
        out.sort((x, y) -> x.size() != y.size() ? y.size() - x.size() : Long.compare(x.iterator().next(), y.iterator().next()));
        return out;
    }

    private static long root(Map<Long, Long> parent, Map<Long, Integer> size, long key) {
        if (!parent.containsKey(key)) {
            parent.put(key, key);
            size.put(key, 1);
            return key;
        }
        long r = key;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        long k = key;
        while (parent.get(k) != r) { // path compression
            long next = parent.get(k);
            parent.put(k, r);
            k = next;
        }
        return r;
    }
}
