package io.shardwise.router.topology;

import java.util.Optional;

/** A store that forgets everything when the JVM ends: for a cluster configured without a metadata directory. */
public final class InMemoryTopologyStore implements TopologyStore {
    private volatile Topology saved;

    @Override
    public Optional<Topology> load() {
        return Optional.ofNullable(saved);
    }

    @Override
    public synchronized void save(Topology topology) {
        if (saved != null && topology.version() <= saved.version()) {
            throw new IllegalStateException("topology version " + topology.version() + " is not newer than "
                    + saved.version());
        }
        saved = topology;
    }

    @Override
    public void close() {
    }
}
