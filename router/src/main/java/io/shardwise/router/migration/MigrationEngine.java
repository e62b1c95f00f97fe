package io.shardwise.router.migration;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves shards between nodes while the application reads and writes: COPYING -> CATCHING_UP -> CUTOVER -> flip ->
 * CLEANUP -> DONE, or back to the source on any failure or cancel (docs/migration.md has the protocol and why it is
 * exact). One migration or cleanup at a time per group (a group lock): a cleanup can then never run while a move
 * writes the same rows, and a move back A -> B -> A before A's cleanup cannot lose rows.
 */
public final class MigrationEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationEngine.class);

    private final MigrationTopology topology;
    private final NodeConnections nodes;
    private final MigrationStore store;
    private final MigrationSettings settings;
    private final ShardGates gates = new ShardGates();
    private final ExecutorService workers;
    private final ScheduledExecutorService cleaner;
    private final Map<String, ReentrantLock> groupLocks = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<MigrationRecord>> running = new ConcurrentHashMap<>();
    private final Map<Long, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Map<Long, ShardGate.ActiveMigration> active = new ConcurrentHashMap<>();
    private final ShardVerifier verifier;
    private final List<Long> freezeLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;
    private volatile MigrationListener listener = MigrationListener.NONE;

    public MigrationEngine(MigrationTopology topology, NodeConnections nodes, MigrationStore store,
                           MigrationSettings settings) {
        this.topology = topology;
        this.nodes = nodes;
        this.store = store;
        this.settings = settings;
        this.verifier = new ShardVerifier(settings.verifyBuckets(), settings.batchKeys());
        this.workers = Executors.newCachedThreadPool(daemon("shardwise-migration"));
        java.util.concurrent.ScheduledThreadPoolExecutor c =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("shardwise-migration-cleanup"));
        c.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.cleaner = c;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public ShardGates gates() {
        return gates;
    }

    /** Who is told about each persisted state change (monitoring; crash tests stop the process there). */
    public void setListener(MigrationListener l) {
        this.listener = l == null ? MigrationListener.NONE : l;
    }

    public MigrationSettings settings() {
        return settings;
    }

    public MigrationTopology topology() {
        return topology;
    }

    /** Migrations in progress whose source is {@code node} (writers without a shard key consult these). */
    public List<ShardGate.ActiveMigration> activeFrom(String node, String group) {
        List<ShardGate.ActiveMigration> out = new ArrayList<>(2);
        for (ShardGate.ActiveMigration m : active.values()) {
            if (m.source().equals(node) && m.group().equals(group)) {
                out.add(m);
            }
        }
        return out;
    }

    public boolean anyActive() {
        return !active.isEmpty();
    }

    // ---------------------------------------------------------------- starting, waiting, cancelling

    /** Starts moving a shard and returns at once; {@link #await} waits for the outcome. */
    public synchronized MigrationRecord start(int shardId, String target) throws SQLException {
        if (closed) {
            throw new SQLException("the migration engine is closed");
        }
        if (!topology.nodes().contains(target)) {
            throw new SQLException("cannot move shard " + shardId + ": no node named '" + target + "' (nodes: "
                    + topology.nodes() + ")");
        }
        ShardSlice slice = topology.slice(shardId);
        String owner = topology.owner(shardId);
        if (owner.equals(target)) {
            throw new SQLException("shard " + shardId + " is already on node " + target);
        }
        for (MigrationRecord r : store.all()) {
            if (r.state().beforeFlip() && r.group.equals(slice.group())) {
                throw new SQLException("group " + slice.group() + " already has a migration in progress (migration "
                        + r.id + " of shard " + r.shardId + "); one migration per group at a time: wait or cancel it");
            }
        }
        MigrationRecord record = new MigrationRecord(store.nextId(), slice, owner, target, System.currentTimeMillis());
        persist(record);
        cancelled.put(record.id, new AtomicBoolean());
        CompletableFuture<MigrationRecord> f = CompletableFuture.supplyAsync(() -> run(record), workers);
        running.put(record.id, f);
        f.whenComplete((r, e) -> running.remove(record.id));
        return record;
    }

    /** Moves a shard and waits until the owner has flipped (or the move failed). */
    public MigrationRecord move(int shardId, String target) throws SQLException {
        MigrationRecord r = start(shardId, target);
        return await(r.id, Long.MAX_VALUE);
    }

    /** Waits until the migration has flipped the owner, failed or been cancelled. */
    public MigrationRecord await(long id, long timeoutMillis) throws SQLException {
        CompletableFuture<MigrationRecord> f = running.get(id);
        if (f != null) {
            try {
                f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for migration " + id, e);
            } catch (ExecutionException e) {
                throw new SQLException("migration " + id + " failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new java.sql.SQLTimeoutException("migration " + id + " still running after " + timeoutMillis + " ms");
            }
        }
        MigrationRecord r = store.get(id);
        if (r == null) {
            throw new SQLException("no migration " + id);
        }
        return r;
    }

    /** Asks a migration to stop; it rolls back to the source. A migration past its flip cannot be cancelled. */
    public MigrationRecord cancel(long id) throws SQLException {
        MigrationRecord r = store.get(id);
        if (r == null) {
            throw new SQLException("no migration " + id);
        }
        if (!r.state().beforeFlip()) {
            throw new SQLException("migration " + id + " is " + r.state() + ": only a migration before its cutover"
                    + " flip can be cancelled");
        }
        AtomicBoolean flag = cancelled.get(id);
        if (flag != null) {
            flag.set(true);
        }
        return await(id, Long.MAX_VALUE);
    }

    public List<MigrationRecord> migrations() {
        return store.all();
    }

    public MigrationRecord migration(long id) {
        return store.get(id);
    }

    /** Freeze durations (ms) of every successful cutover since start, for the benchmark. */
    public List<Long> freezeLog() {
        synchronized (freezeLog) {
            return new ArrayList<>(freezeLog);
        }
    }

    // ---------------------------------------------------------------- the migration itself

    /** Per-run working state that is not persisted. */
    private final class Run {
        final MigrationRecord record;
        final ShardSlice slice;
        final ShardGate gate;
        final AtomicBoolean cancel;
        Connection source;
        Connection queue;
        Connection target;
        ShardTables tables;
        /** Keys re-copied since the last full verification and not yet verified equal since. */
        final Set<KeyCodec> unverified = new LinkedHashSet<>();
        boolean fullyVerified;
        int recopies;
        long throttleMicros;

        Run(MigrationRecord record, ShardSlice slice) {
            this.record = record;
            this.slice = slice;
            this.gate = gates.gate(record.shardId);
            this.cancel = cancelled.computeIfAbsent(record.id, x -> new AtomicBoolean());
        }

        void checkCancel() {
            if (cancel.get() || closed) {
                throw new MigrationCancelledException();
            }
        }
    }

    private MigrationRecord run(MigrationRecord record) {
        ReentrantLock lock = groupLocks.computeIfAbsent(record.group, g -> new ReentrantLock());
        lock.lock();
        Run run = null;
        try {
            run = new Run(record, topology.slice(record.shardId));
            prepare(run);
            copy(run);
            catchUp(run);
            cutover(run);
            scheduleCleanup(record, settings.cleanupDelayMillis());
        } catch (MigrationCancelledException e) {
            rollBack(record, run, MigrationState.CANCELLED, "cancelled");
        } catch (Exception e) {
            LOG.warn("{} failed; the source stays the owner: {}", record, e.toString());
            rollBack(record, run, MigrationState.FAILED, describe(e));
        } finally {
            if (run != null) {
                closeQuietly(run.source);
                closeQuietly(run.queue);
                closeQuietly(run.target);
            }
            cancelled.remove(record.id);
            lock.unlock();
        }
        return record;
    }

    private void prepare(Run run) throws Exception {
        MigrationRecord r = run.record;
        if (!topology.owner(r.shardId).equals(r.from)) {
            throw new SQLException("shard " + r.shardId + " is no longer on node " + r.from);
        }
        run.source = nodes.open(r.from);
        run.queue = nodes.open(r.from);
        run.target = nodes.open(r.to);
        run.source.setAutoCommit(true);
        run.queue.setAutoCommit(true);
        SchemaCopier.createMissing(run.slice, run.source, run.target);
        run.tables = ShardTables.resolve(run.slice, run.source, run.target);
        // Leftovers of an earlier move or failed move on the target are not ours to keep: the target does not own
        // the shard, so its rows of the shard are stale by definition. Erase them before copying.
        eraseOn(run.slice, run.target, r.to);
        ChangeQueue.ensureTable(run.queue);
        Fence.install(run.queue, r.group, r.shardId, r.id);

        ShardGate.ActiveMigration m = new ShardGate.ActiveMigration(r.id, r.shardId, r.group, r.from, r.to);
        run.gate.migration(m);
        active.put(r.id, m);
        topology.markState(r.shardId, MigrationState.COPYING, r.to);
        r.state(MigrationState.COPYING);
        persist(r);
        // Writers that began their transaction on the shard before they could see the migration wrote without a
        // queue record, and their rows may still be uncommitted when the copy reads: wait them out once.
        barrier(run);
    }

    private void barrier(Run run) throws Exception {
        for (int attempt = 1; ; attempt++) {
            run.checkCancel();
            if (run.gate.freeze(TimeUnit.MILLISECONDS.toNanos(settings.cutoverWaitMillis()))) {
                run.gate.unfreeze();
                return;
            }
            if (attempt >= settings.cutoverAttempts()) {
                throw new SQLException("transactions on shard " + run.record.shardId + " stayed open longer than"
                        + " migration.cutover-wait (" + settings.cutoverWaitMillis() + " ms) in "
                        + attempt + " attempts; the migration could not start");
            }
            Thread.sleep(Math.min(1000, 20L * attempt));
        }
    }

    private void copy(Run run) throws Exception {
        ShardCopier copier = new ShardCopier(settings.batchKeys(), settings.copyRowsPerSecond());
        copier.copy(run.tables, run.source, run.target, run.record::addRowsCopied, () -> {
            run.checkCancel();
            return false;
        });
        run.record.state(MigrationState.CATCHING_UP);
        topology.markState(run.record.shardId, MigrationState.CATCHING_UP, run.record.to);
        persist(run.record);
    }

    /**
     * Applies the queue until the backlog fits the freeze budget. Convergence: when a round ends with no less
     * backlog than the one before for {@code stallRounds} rounds, writers to the shard are slowed (a pause per
     * transaction, doubling up to {@code throttleMaxMicros}) until catch-up gains again.
     */
    private void catchUp(Run run) throws Exception {
        long previous = Long.MAX_VALUE;
        int stalls = 0;
        while (true) {
            run.checkCancel();
            applyRound(run, settings.catchUpBatch());
            long backlog = ChangeQueue.backlog(run.queue, run.record.id);
            run.record.backlog(backlog);
            if (backlog <= settings.freezeBacklog()) {
                return;
            }
            if (backlog >= previous) {
                if (++stalls >= settings.stallRounds()) {
                    throttleHarder(run, "catch-up is not gaining (backlog " + backlog + ")");
                    stalls = 0;
                }
            } else {
                stalls = 0;
            }
            previous = backlog;
        }
    }

    /** The convergence policy's lever: writers to the moving shard pause longer per transaction (doubling). */
    private void throttleHarder(Run run, String why) {
        run.throttleMicros = Math.min(settings.throttleMaxMicros(), Math.max(100, run.throttleMicros * 2));
        run.gate.throttle(TimeUnit.MICROSECONDS.toNanos(run.throttleMicros));
        LOG.info("{}: {}; writers to the shard now pause {} us per transaction", run.record, why, run.throttleMicros);
    }

    /** Reads up to {@code limit} queue records, re-copies their keys, consumes them. @return records applied */
    private int applyRound(Run run, int limit) throws Exception {
        List<ChangeQueue.Entry> entries = ChangeQueue.read(run.queue, run.record.id, limit);
        if (entries.isEmpty()) {
            return 0;
        }
        boolean wholeShard = false;
        Set<KeyCodec> keys = new LinkedHashSet<>();
        for (ChangeQueue.Entry e : entries) {
            if (e.key() == null) {
                wholeShard = true;
            } else {
                keys.add(e.key());
            }
        }
        if (wholeShard) {
            recopy(run);
        } else {
            List<KeyCodec> all = new ArrayList<>(keys);
            for (int from = 0; from < all.size(); from += settings.batchKeys()) {
                List<Object> batch = new ArrayList<>();
                for (KeyCodec k : all.subList(from, Math.min(all.size(), from + settings.batchKeys()))) {
                    batch.add(k.value());
                }
                KeySync.sync(run.tables, run.source, run.target, batch);
            }
            run.unverified.addAll(keys);
        }
        ChangeQueue.delete(run.queue, entries);
        return entries.size();
    }

    /** A write without a shard key touched the shard: its rows on the target are re-copied from scratch. */
    private void recopy(Run run) throws Exception {
        if (++run.recopies > settings.maxShardRecopies()) {
            throw new SQLException("writes without a shard key kept touching shard " + run.record.shardId
                    + " during its migration; gave up after " + settings.maxShardRecopies()
                    + " full re-copies (migration.max-recopies). Add the shard key to those statements' WHERE"
                    + " clause, or move the shard when they do not run");
        }
        LOG.info("{}: a write without a shard key touched the shard; re-copying it", run.record);
        eraseOn(run.slice, run.target, run.record.to);
        new ShardCopier(settings.batchKeys(), settings.copyRowsPerSecond())
                .copy(run.tables, run.source, run.target, n -> { }, () -> {
                    run.checkCancel();
                    return false;
                });
        run.fullyVerified = false;
        run.unverified.clear();
    }

    /**
     * Verifies outside the freeze as much as possible, so that the freeze itself only re-checks a few keys. First a
     * full comparison of every key range; ranges that differ (the application is still writing) are narrowed down
     * to the keys that differ. From then on every key catch-up re-copies joins {@code unverified} and is compared
     * exactly, again and again, until it matches. A key that matched and was not re-copied since did not change on
     * either node (every write to the source leaves a queue record, and only catch-up writes the target), so its
     * match holds until the flip.
     *
     * @return whether the shard is ready to freeze: the backlog and the unverified keys both fit the freeze budget
     */
    private boolean verifyBeforeFreeze(Run run) throws Exception {
        if (!run.fullyVerified) {
            run.unverified.clear();
            ShardVerifier.Result full = verifier.verify(run.slice, run.tables, run.source, run.target, null);
            if (!full.mismatchedRanges().isEmpty()) {
                run.unverified.addAll(verifier.mismatchedKeysIn(run.slice, run.tables, run.source, run.target,
                        full.mismatchedRanges()));
            }
            run.fullyVerified = true;
        }
        long budget = Math.max(1, settings.freezeBacklog());
        for (int i = 0; i < 5; i++) {
            applyRound(run, settings.catchUpBatch());
            if (!run.unverified.isEmpty()) {
                ShardVerifier.Result keys = verifier.verifyKeys(run.tables, run.source, run.target, run.unverified);
                run.unverified.retainAll(keys.mismatchedKeys());
            }
            if (ChangeQueue.backlog(run.queue, run.record.id) <= budget && run.unverified.size() <= budget) {
                return true;
            }
        }
        return false;
    }

    private void cutover(Run run) throws Exception {
        MigrationRecord r = run.record;
        r.state(MigrationState.CUTOVER);
        topology.markState(r.shardId, MigrationState.CUTOVER, r.to);
        persist(r);
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(settings.cutoverWaitMillis());
        int notReady = 0;
        for (int attempt = 1; ; attempt++) {
            run.checkCancel();
            if (attempt > settings.cutoverAttempts()) {
                throw new SQLException("cutover of shard " + r.shardId + " gave up after " + settings.cutoverAttempts()
                        + " attempts: transactions on the shard stayed open longer than migration.cutover-wait ("
                        + settings.cutoverWaitMillis() + " ms) or the backlog never fit the freeze budget");
            }
            catchUp(run);
            if (!verifyBeforeFreeze(run)) {
                // writes outpace the checks: not ready to freeze; slow the shard's writers down and try again
                throttleHarder(run, "the backlog or the keys still to verify exceed the freeze budget");
                notReady++;
                if (notReady > 10L * settings.cutoverAttempts()) {
                    throw new SQLException("shard " + r.shardId + " never became quiet enough to freeze within the"
                            + " budget (migration.freeze-backlog = " + settings.freezeBacklog() + ")");
                }
                attempt--;
                continue;
            }
            r.cutoverAttempt();
            long frozenAt = System.nanoTime();
            if (!run.gate.freeze(waitNanos)) {
                backOff(run, attempt);
                continue;
            }
            Connection fence = null;
            boolean flipped = false;
            try {
                fence = nodes.open(r.from);
                if (!Fence.lockExclusive(fence, r.group, r.shardId, settings.cutoverWaitMillis())) {
                    backOffFrozen(run, attempt);
                    continue;
                }
                long lockedAt = System.nanoTime();
                if (!drain(run)) {
                    // a write without a shard key arrived: re-copy outside the freeze, then try again
                    ShardCopier.rollbackQuietly(fence);
                    run.gate.unfreeze();
                    applyRound(run, settings.catchUpBatch());
                    continue;
                }
                long drainedAt = System.nanoTime();
                verifyFrozen(run);
                long verifiedAt = System.nanoTime();
                topology.flipOwner(r.shardId, r.from, r.to);
                LOG.info("{}: freeze: {} ms waiting for open transactions and the fence, {} ms drain, {} ms verify,"
                        + " {} ms flip", r, TimeUnit.NANOSECONDS.toMillis(lockedAt - frozenAt),
                        TimeUnit.NANOSECONDS.toMillis(drainedAt - lockedAt),
                        TimeUnit.NANOSECONDS.toMillis(verifiedAt - drainedAt),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - verifiedAt));
                flipped = true;
                listener.flipped(r);
                run.gate.migration(null);
                active.remove(r.id);
                Fence.markMoved(fence, r.group, r.shardId);
                fence.commit();
            } finally {
                if (!flipped) {
                    ShardCopier.rollbackQuietly(fence);
                } else {
                    try {
                        if (fence != null && !fence.getAutoCommit()) {
                            fence.commit();
                        }
                    } catch (SQLException e) {
                        LOG.warn("{}: the fence on {} could not be marked moved ({}); in-JVM writers are fenced by"
                                + " the topology", r, r.from, e.toString());
                    }
                }
                closeQuietly(fence);
                if (run.gate.frozen()) {
                    run.gate.unfreeze();
                }
            }
            long freeze = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            run.gate.throttle(0);
            r.freezeMillis(freeze);
            freezeLog.add(freeze);
            r.flipped();
            r.backlog(0);
            r.state(MigrationState.CLEANUP);
            persist(r);
            LOG.info("{}: owner flipped after a {} ms freeze", r, freeze);
            return;
        }
    }

    private void backOffFrozen(Run run, int attempt) throws Exception {
        run.gate.unfreeze();
        backOff(run, attempt);
    }

    private void backOff(Run run, int attempt) throws Exception {
        LOG.info("{}: cutover attempt {} found transactions still open on the shard; retrying", run.record, attempt);
        Thread.sleep(Math.min(500, 10L * attempt));
        applyRound(run, settings.catchUpBatch());
    }

    /** Applies every remaining record under the freeze. @return false if a whole-shard record needs a re-copy */
    private boolean drain(Run run) throws Exception {
        while (true) {
            List<ChangeQueue.Entry> entries = ChangeQueue.read(run.queue, run.record.id, settings.catchUpBatch());
            if (entries.isEmpty()) {
                return true;
            }
            for (ChangeQueue.Entry e : entries) {
                if (e.key() == null) {
                    return false;
                }
            }
            applyRound(run, settings.catchUpBatch());
        }
    }

    private void verifyFrozen(Run run) throws Exception {
        if (run.unverified.isEmpty()) {
            return;
        }
        List<String> problems = verifier.verifyKeys(run.tables, run.source, run.target, run.unverified).mismatches();
        if (!problems.isEmpty()) {
            throw new SQLException("verification before the flip failed, the source stays the owner: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    /** Back to STABLE(source): writers stop recording, the target's partial rows and the queue records go. */
    private void rollBack(MigrationRecord r, Run run, MigrationState outcome, String error) {
        ShardGate gate = gates.gate(r.shardId);
        if (gate.migration() != null && gate.migration().id() == r.id) {
            gate.migration(null);
        }
        gate.throttle(0);
        active.remove(r.id);
        try {
            if (topology.owner(r.shardId).equals(r.to)) {
                // cannot happen before the flip; if it did, the flip is the truth and the move is complete
                LOG.error("{}: rolled back after the flip? keeping node {} as the owner", r, r.to);
                r.state(MigrationState.CLEANUP);
                persist(r);
                scheduleCleanup(r, settings.cleanupDelayMillis());
                return;
            }
            topology.markState(r.shardId, null, null);
        } catch (SQLException e) {
            LOG.warn("{}: could not reset the shard's state: {}", r, e.toString());
        }
        r.error(error);
        r.state(outcome);
        r.targetCleanupPending(true);
        persist(r);
        removeTargetRows(r);
        try (Connection a = nodes.open(r.from)) {
            a.setAutoCommit(true);
            ChangeQueue.purge(a, r.id);
            Fence.remove(a, r.group, r.shardId, r.id);
        } catch (SQLException e) {
            LOG.warn("{}: queue records on {} stay until the next cleanup: {}", r, r.from, e.toString());
        }
    }

    /** Deletes a failed move's rows on its target. Keys the target owns (again) are never touched. */
    private void removeTargetRows(MigrationRecord r) {
        try (Connection b = nodes.open(r.to)) {
            eraseOn(r.slice(topology), b, r.to);
            r.targetCleanupPending(false);
            persist(r);
        } catch (Exception e) {
            LOG.warn("{}: partial rows on {} stay until it is reachable again: {}", r, r.to, e.toString());
            cleaner.schedule(() -> retryTargetCleanup(r), Math.max(1000, settings.cleanupDelayMillis()),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void retryTargetCleanup(MigrationRecord r) {
        if (closed || !r.targetCleanupPending()) {
            return;
        }
        ReentrantLock lock = groupLocks.computeIfAbsent(r.group, g -> new ReentrantLock());
        lock.lock();
        try {
            removeTargetRows(r);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Erases the slice's rows on {@code node}, except keys that {@code node} owns in the current topology: a
     * deferred cleanup must never delete rows that came back (A -> B -> A before A's cleanup ran).
     */
    private long eraseOn(ShardSlice slice, Connection c, String node) throws SQLException {
        List<ShardTableSql> onNode = ShardTables.onNode(slice, c);
        return ShardEraser.erase(onNode, c, settings.batchKeys(),
                key -> !node.equals(topology.ownerOf(slice.group(), slice.keyPoints().point(key))));
    }

    // ---------------------------------------------------------------- cleanup and recovery

    private void scheduleCleanup(MigrationRecord r, long delayMillis) {
        if (!closed) {
            cleaner.schedule(() -> cleanup(r, 1), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void cleanup(MigrationRecord r, int attempt) {
        if (closed || r.state() != MigrationState.CLEANUP) {
            return;
        }
        ReentrantLock lock = groupLocks.computeIfAbsent(r.group, g -> new ReentrantLock());
        lock.lock();
        try (Connection a = nodes.open(r.from)) {
            a.setAutoCommit(true);
            long deleted = eraseOn(r.slice(topology), a, r.from);
            ChangeQueue.purge(a, r.id);
            Fence.remove(a, r.group, r.shardId, r.id);
            r.state(MigrationState.DONE);
            persist(r);
            LOG.info("{}: deleted {} rows of the shard on {}", r, deleted, r.from);
        } catch (Exception e) {
            LOG.warn("{}: cleanup of {} failed ({}); retrying", r, r.from, e.toString());
            cleaner.schedule(() -> cleanup(r, attempt + 1), Math.min(60_000, 1000L * attempt), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Runs pending cleanups now (tests and SHARDWISE commands that want a tidy source at once). */
    public void cleanupNow() {
        for (MigrationRecord r : store.all()) {
            if (r.state() == MigrationState.CLEANUP) {
                cleanup(r, 1);
            }
        }
    }

    /**
     * After a restart: every migration that was cut short is resolved from the persisted topology, the only truth
     * about ownership. Owner already flipped to the target: the move is complete, clean the source up. Owner still
     * the source: roll back (the target's partial rows and the queue records are removed). Nothing is resumed
     * half-way; a rolled-back move can simply be started again.
     */
    public void recover() {
        for (MigrationRecord r : store.unfinished()) {
            try {
                if (r.state().beforeFlip()) {
                    if (topology.owner(r.shardId).equals(r.to)) {
                        topology.markState(r.shardId, null, null);
                        r.state(MigrationState.CLEANUP);
                        persist(r);
                        scheduleCleanup(r, settings.cleanupDelayMillis());
                    } else {
                        ReentrantLock lock = groupLocks.computeIfAbsent(r.group, g -> new ReentrantLock());
                        lock.lock();
                        try {
                            rollBack(r, null, MigrationState.FAILED,
                                    "interrupted in state " + r.state() + " by a restart; rolled back");
                        } finally {
                            lock.unlock();
                        }
                    }
                } else if (r.state() == MigrationState.CLEANUP) {
                    scheduleCleanup(r, settings.cleanupDelayMillis());
                } else if (r.targetCleanupPending()) {
                    cleaner.execute(() -> retryTargetCleanup(r));
                }
            } catch (Exception e) {
                LOG.warn("{}: recovery failed: {}", r, e.toString());
            }
        }
    }

    // ---------------------------------------------------------------- verification on demand

    /**
     * SHARDWISE VERIFY SHARD: during a migration, compares the source and the target; otherwise digests the
     * owner's rows of the shard (a fingerprint to compare before and after an operation).
     */
    public VerifyReport verify(int shardId) throws SQLException {
        ShardSlice slice = topology.slice(shardId);
        String owner = topology.owner(shardId);
        ShardGate.ActiveMigration m = gates.gate(shardId).migration();
        if (m == null) {
            try (Connection c = nodes.open(owner)) {
                RowDigest d = verifier.digestAll(slice, ShardTables.onNode(slice, c), c);
                return new VerifyReport(shardId, owner, null, d.count(), -1, d.checksum(), 0, true, List.of());
            }
        }
        try (Connection a = nodes.open(m.source()); Connection b = nodes.open(m.target())) {
            ShardVerifier.Result res = verifier.verify(slice, ShardTables.resolve(slice, a, b), a, b, null);
            return new VerifyReport(shardId, m.source(), m.target(), res.sourceRows(), res.targetRows(),
                    res.sourceChecksum(), res.targetChecksum(), res.matches(), res.mismatches());
        }
    }

    /** What SHARDWISE VERIFY SHARD reports. {@code target} is null when the shard is not moving. */
    public record VerifyReport(int shardId, String source, String target, long sourceRows, long targetRows,
                               long sourceChecksum, long targetChecksum, boolean matches, List<String> mismatches) {
    }

    // ---------------------------------------------------------------- plumbing

    private void persist(MigrationRecord r) {
        try {
            store.save(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot persist " + r + ": " + e.getMessage(), e);
        }
        listener.persisted(r);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    public Collection<ShardGate.ActiveMigration> active() {
        return active.values();
    }

    @Override
    public void close() {
        closed = true;
        for (AtomicBoolean c : cancelled.values()) {
            c.set(true);
        }
        for (CompletableFuture<MigrationRecord> f : running.values()) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // rolled back or abandoned; recover() resolves it on the next start
            }
        }
        cleaner.shutdown();
        workers.shutdownNow();
        try {
            // a cleanup in progress finishes its batch and its record write; queued ones run after the next start
            cleaner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cleaner.shutdownNow();
    }
}
