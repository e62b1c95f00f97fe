package io.shardwise.router.migration;

import java.sql.SQLTransientException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-JVM write lock of one shard. Every transaction that writes to the shard holds it shared from its first
 * write to the shard until the transaction ends; the migration engine holds it exclusively (freezes the shard)
 * twice: briefly when a migration starts, to wait out writers that began before writes were recorded, and at the
 * cutover, around the final drain and the owner flip.
 *
 * <p>Not a {@link java.util.concurrent.locks.ReadWriteLock}: a transaction may end on another thread than the one
 * that started it, and the shared side must cost one atomic increment on the hot path. Writers increment
 * {@code holders} and then read {@code frozen}; the freezer sets {@code frozen} and then reads {@code holders}.
 * Both are volatile, so at least one side sees the other and backs off.
 *
 * <p>The gate also carries what writers need to know about a migration in progress: the active migration (whose
 * source records writes in the change queue) and the owner the engine last published, so a writer that routed with
 * a topology read before a flip notices before it writes.
 */
public final class ShardGate {
    private final AtomicInteger holders = new AtomicInteger();
    private volatile boolean frozen;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile ActiveMigration migration;
    private volatile long throttleNanos;

    /** What a writer to a moving shard must do on the source: record its writes under this migration id. */
    public record ActiveMigration(long id, int shardId, String group, String source, String target) {
    }

    /**
     * Enters the gate shared, waiting while the shard is frozen, at most {@code timeoutNanos}.
     *
     * @throws SQLTransientException when the shard stayed frozen longer (the application may retry)
     */
    public void enterShared(long timeoutNanos, int shardId) throws SQLTransientException {
        long deadline = 0;
        while (true) {
            holders.incrementAndGet();
            if (!frozen) {
                long throttle = throttleNanos;
                if (throttle > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(throttle);
                }
                return;
            }
            exitShared();
            if (deadline == 0) {
                deadline = System.nanoTime() + timeoutNanos;
            }
            awaitUnfrozen(deadline, shardId, timeoutNanos);
        }
    }

    private void awaitUnfrozen(long deadline, int shardId, long timeoutNanos) throws SQLTransientException {
        lock.lock();
        try {
            while (frozen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SQLTransientException("shard " + shardId + " is frozen for a migration cutover for"
                            + " longer than migration.freeze-timeout (" + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                            + " ms); retry the statement");
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientException("interrupted while waiting for shard " + shardId + " to unfreeze");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the gate; called once per {@link #enterShared} when the writer's transaction ends. */
    public void exitShared() {
        if (holders.decrementAndGet() == 0 && frozen) {
            signal();
        }
    }

    /**
     * Freezes the shard: new writers wait, and this call waits for the writers inside to leave, at most
     * {@code waitNanos}. On timeout the shard is unfrozen again and false returned.
     */
    public boolean freeze(long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            frozen = true;
            long deadline = System.nanoTime() + waitNanos;
            while (holders.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    frozen = false;
                    changed.signalAll();
                    return false;
                }
                // a writer leaving signals; the short poll also covers a signal sent between our check and wait
                changed.awaitNanos(Math.min(left, 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            frozen = false;
            changed.signalAll();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    public void unfreeze() {
        lock.lock();
        try {
            frozen = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean frozen() {
        return frozen;
    }

    public int holders() {
        return holders.get();
    }

    public ActiveMigration migration() {
        return migration;
    }

    void migration(ActiveMigration m) {
        this.migration = m;
    }

    /** Writers to the shard pause this long before each write while catch-up is not gaining (see MigrationPolicy). */
    void throttle(long nanos) {
        this.throttleNanos = nanos;
    }

    long throttleNanos() {
        return throttleNanos;
    }
}
