package io.shardwise.router.plan;

import io.shardwise.router.config.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the analyzer found in one statement: every table instance, the sharded ones grouped into components that
 * are provably co-located (joined or correlated on the shard key, same group), and what each component's key is
 * restricted to.
 */
final class StatementAnalysis {

    /** One appearance of a table in the statement ({@code orders o} and {@code orders o2} are two instances). */
    record Instance(int id, String table, String alias, TableCatalog.Kind kind, TableSpec spec, int depth,
                    boolean derived) {
        String describe() {
            return alias == null || alias.equalsIgnoreCase(table) ? table : table + " " + alias;
        }
    }

    /**
     * Sharded instances of one group whose rows for one key live together. {@code scatterable}: the component's
     * instances sit in the statement's main query block or in subqueries correlated with it on the key, so running
     * the statement on every node and combining the results is correct.
     */
    record Component(String group, List<Instance> members, KeyCondition restriction, boolean scatterable) {
        String tables() {
            Set<String> names = new LinkedHashSet<>();
            for (Instance i : members) {
                names.add(i.table());
            }
            return String.join(", ", names);
        }
    }

    final List<Instance> instances = new ArrayList<>();
    final List<Component> components = new ArrayList<>();
    boolean setOperation;
    boolean unionAllOnly = true;

    boolean hasPlain() {
        return instances.stream().anyMatch(i -> i.kind() == TableCatalog.Kind.PLAIN);
    }

    boolean hasReference() {
        return instances.stream().anyMatch(i -> i.kind() == TableCatalog.Kind.REFERENCE);
    }

    String plainTables() {
        Set<String> names = new LinkedHashSet<>();
        for (Instance i : instances) {
            if (i.kind() == TableCatalog.Kind.PLAIN) {
                names.add(i.table());
            }
        }
        return String.join(", ", names);
    }
}
