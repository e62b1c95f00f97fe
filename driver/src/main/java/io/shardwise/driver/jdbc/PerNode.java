package io.shardwise.driver.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A statement's per-node physical objects. Most statements only ever touch one node, so the first node is held in
 * two fields and the map is allocated only when a second node is touched: the common case costs no hash and no map.
 */
final class PerNode<V> {
    private String firstNode;
    private V first;
    private Map<String, V> others;

    V get(String node) {
        if (node.equals(firstNode)) {
            return first;
        }
        return others == null ? null : others.get(node);
    }

    void put(String node, V value) {
        if (firstNode == null || node.equals(firstNode)) {
            firstNode = node;
            first = value;
            return;
        }
        if (others == null) {
            others = new HashMap<>(4);
        }
        others.put(node, value);
    }

    void forEach(Consumer<V> action) {
        if (firstNode != null) {
            action.accept(first);
        }
        if (others != null) {
            others.values().forEach(action);
        }
    }

    void addValuesTo(List<? super V> out) {
        forEach(out::add);
    }

    /** Closes every value's statement and forgets them all; returns the first failure with later ones suppressed. */
    SQLException closeAll(Function<V, ? extends Statement> statementOf, SQLException failure) {
        if (firstNode != null) {
            failure = close(statementOf.apply(first), failure);
        }
        if (others != null) {
            for (V v : others.values()) {
                failure = close(statementOf.apply(v), failure);
            }
        }
        firstNode = null;
        first = null;
        others = null;
        return failure;
    }

    private static SQLException close(Statement s, SQLException failure) {
        try {
            s.close();
        } catch (SQLException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }
}
