package io.shardwise.driver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The public configuration keys. Knows which keys are valid and, for a typo, which valid key was meant: an unknown
 * key is an error at connect time, never silently ignored.
 */
public final class ConfigKeys {
    public static final String NODES = "nodes";
    public static final String REFERENCE_TABLES = "reference-tables";
    public static final String DEFAULT_NODE = "default-node";
    public static final String METADATA_DIR = "metadata.dir";
    /** {@code zookeeper://host:port[,host:port]/chroot}: the topology shared by many driver instances. */
    public static final String METADATA = "metadata";
    public static final String SQL_DIALECT = "sql.dialect";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    /** {@code best-effort} (default) or {@code 2pc}: how a transaction that wrote on several nodes commits. */
    public static final String TRANSACTIONS = "transactions";

    static final List<String> GLOBAL = List.of(NODES, REFERENCE_TABLES, DEFAULT_NODE, METADATA_DIR, METADATA,
            SQL_DIALECT, USER, PASSWORD, TRANSACTIONS);
    static final List<String> NODE_SUFFIXES = List.of("url", "user", "password");
    static final List<String> TABLE_SUFFIXES = List.of("shard-key", "group");
    static final List<String> GROUP_SUFFIXES = List.of("strategy", "shards", "split-points");

    private ConfigKeys() {
    }

    /** True when the key's value is a secret that must never reach a message or a log line. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals(PASSWORD) || k.endsWith(".password") || k.contains("secret");
    }

    /** Whether {@code key} is one of the documented keys (any node/table/group name in the pattern positions). */
    static boolean isKnown(String key) {
        if (GLOBAL.contains(key) || io.shardwise.router.migration.MigrationSettings.KEYS.contains(key)
                || io.shardwise.router.ProfilerSettings.KEYS.contains(key)) {
            return true;
        }
        if (io.shardwise.router.resharding.ReshardingSettings.KEYS.contains(key)) {
            return true;
        }
        String[] p = key.split("\\.", 3);
        if (p.length < 3 || p[1].isEmpty() || p[2].isEmpty()) {
            return false;
        }
        return switch (p[0]) {
            case "node" -> NODE_SUFFIXES.contains(p[2]) || (p[2].startsWith("pool.") && p[2].length() > 5);
            case "table" -> TABLE_SUFFIXES.contains(p[2]);
            case "group" -> GROUP_SUFFIXES.contains(p[2]);
            default -> false;
        };
    }

    /** The valid key closest to {@code key} by edit distance, for the "did you mean" part of an error. */
    static String closest(String key) {
        List<String> candidates = new ArrayList<>(GLOBAL);
        candidates.addAll(io.shardwise.router.migration.MigrationSettings.KEYS);
        candidates.addAll(io.shardwise.router.ProfilerSettings.KEYS);
        candidates.addAll(io.shardwise.router.resharding.ReshardingSettings.KEYS);
        String[] p = key.split("\\.", 3);
        String name = p.length >= 3 ? p[1] : "<name>";
        for (String s : NODE_SUFFIXES) {
            candidates.add("node." + name + "." + s);
        }
        candidates.add("node." + name + ".pool.maximumPoolSize");
        for (String s : TABLE_SUFFIXES) {
            candidates.add("table." + name + "." + s);
        }
        for (String s : GROUP_SUFFIXES) {
            candidates.add("group." + name + "." + s);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = key.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
