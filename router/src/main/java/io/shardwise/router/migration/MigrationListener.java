package io.shardwise.router.migration;

/**
 * Told, on the migration's own thread, right after each change of a migration record was persisted and right after
 * the owner flip was persisted. A listener that blocks holds the migration up (crash tests use that to stop the
 * process in a known state).
 */
public interface MigrationListener {
    MigrationListener NONE = new MigrationListener() {
    };

    default void persisted(MigrationRecord record) {
    }

    /** The topology now says the target owns the shard; the shard is still frozen, the record not yet updated. */
    default void flipped(MigrationRecord record) {
    }
}
