package io.shardwise.router.topology;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The current topology of a running router. Readers call {@link #current()} (a volatile read, no lock). Changes go
 * through {@link #update}: derive the next snapshot, persist it, and only then publish it, so no statement is ever
 * routed by a topology that a crash could forget.
 */
public final class LiveTopology {
    private final TopologyStore store;
    private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
    private volatile Topology current;

    public LiveTopology(TopologyStore store, Topology initial) {
        this.store = store;
        this.current = initial;
    }

    public Topology current() {
        return current;
    }

    /**
     * Applies {@code change} to the current topology, saves the result and publishes it. Serialised: two updates
     * never derive from the same snapshot.
     *
     * @return the published topology
     */
    public synchronized Topology update(UnaryOperator<Topology> change) throws SQLException {
        Topology before = current;
        Topology next = change.apply(before);
        if (next == before) {
            return before;
        }
        if (next.version() <= before.version()) {
            throw new IllegalStateException("a topology change must raise the version (" + before.version()
                    + " -> " + next.version() + ")");
        }
        store.save(next);
        current = next;
        for (Consumer<Topology> l : listeners) {
            l.accept(next);
        }
        return next;
    }

    /**
     * Installs a topology another driver instance saved (a shared metadata store saw it; docs/zookeeper.md).
     * Ignores one that is not newer than the current. Listeners run as for {@link #update}.
     *
     * @return whether {@code newer} was installed
     */
    public synchronized boolean adopt(Topology newer) {
        if (newer.version() <= current.version()) {
            return false;
        }
        current = newer;
        for (Consumer<Topology> l : listeners) {
            l.accept(newer);
        }
        return true;
    }

    /** Called after each published change, on the updating thread. */
    public void addListener(Consumer<Topology> listener) {
        listeners.add(listener);
    }

    public TopologyStore store() {
        return store;
    }
}
