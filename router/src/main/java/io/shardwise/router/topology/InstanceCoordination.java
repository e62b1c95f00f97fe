package io.shardwise.router.topology;

import java.sql.SQLException;

/**
 * What a router needs from the other driver instances of its cluster (docs/zookeeper.md). With one instance
 * ({@link #SINGLE}) there is nobody to wait for and nothing to fall behind.
 */
public interface InstanceCoordination {
    InstanceCoordination SINGLE = new InstanceCoordination() {
        @Override
        public void checkWritable() {
        }

        @Override
        public void awaitAcknowledged(long version) {
        }
    };

    /**
     * Before every write to a sharded table: throws {@link java.sql.SQLTransientException} naming the reason while
     * this instance may be routing by an old topology. A volatile read when all is well.
     */
    void checkWritable() throws SQLException;

    /**
     * Returns once every live instance has applied topology {@code version}; throws
     * {@link java.sql.SQLTransientException} naming the instances still behind when that takes too long.
     */
    void awaitAcknowledged(long version) throws SQLException;
}
