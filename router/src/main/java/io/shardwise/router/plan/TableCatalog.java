package io.shardwise.router.plan;

import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.topology.ShardingStrategy;
import java.util.Locale;

/** What the configuration says about a table name: sharded (with its key and group), reference, or plain. */
final class TableCatalog {
    enum Kind { SHARDED, REFERENCE, PLAIN }

    private final ClusterSpec spec;

    TableCatalog(ClusterSpec spec) {
        this.spec = spec;
    }

    /** Names are matched case-insensitively, on the last component ({@code schema.orders} is {@code orders}). */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    Kind kind(String table) {
        String n = normalize(table);
        if (spec.tables().containsKey(n)) {
            return Kind.SHARDED;
        }
        return spec.referenceTables().contains(n) ? Kind.REFERENCE : Kind.PLAIN;
    }

    TableSpec sharded(String table) {
        return spec.tables().get(normalize(table));
    }

    ShardingStrategy strategy(String group) {
        GroupSpec g = spec.groups().get(group);
        return g == null ? ShardingStrategy.HASH : g.strategy();
    }

    ClusterSpec spec() {
        return spec;
    }
}
