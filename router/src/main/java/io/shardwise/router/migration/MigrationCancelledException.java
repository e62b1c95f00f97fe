package io.shardwise.router.migration;

/** Thrown inside a running migration step when the migration was cancelled; the engine rolls the move back. */
public final class MigrationCancelledException extends RuntimeException {
    public MigrationCancelledException() {
        super("migration cancelled", null, false, false);
    }
}
