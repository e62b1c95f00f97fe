package io.shardwise.driver.execution;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per node in parallel: task 0 on the caller's thread, the others on a small shared pool of daemon
 * threads (they block on the nodes' I/O, so the pool is larger than the core count). Single-node work never comes
 * here: it runs on the caller's thread with no hand-off.
 */
public final class NodeTasks {
    /** One node's share of the work. */
    @FunctionalInterface
    public interface Task {
        void run(int index) throws SQLException;
    }

    private static final ThreadPoolExecutor POOL;

    static {
        int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        AtomicInteger n = new AtomicInteger();
        POOL = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "shardwise-scatter-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        POOL.allowCoreThreadTimeOut(true);
    }

    private NodeTasks() {
    }

    /** Runs {@code task} for every index in [0, count); waits for all; throws the first failure, others suppressed. */
    public static void runAll(int count, Task task) throws SQLException {
        if (count == 1) {
            task.run(0);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<Void>[] futures = new Future[count];
        for (int i = 1; i < count; i++) {
            int index = i;
            futures[i] = POOL.submit(() -> {
                task.run(index);
                return null;
            });
        }
        SQLException failure = null;
        try {
            task.run(0);
        } catch (SQLException | RuntimeException e) {
            failure = add(failure, e);
        }
        for (int i = 1; i < count; i++) {
            try {
                futures[i].get();
            } catch (ExecutionException e) {
                failure = add(failure, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = add(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static SQLException add(SQLException first, Throwable t) {
        if (first == null) {
            return t instanceof SQLException s ? s : new SQLException("Statement failed on a node: " + t, t);
        }
        first.addSuppressed(t);
        return first;
    }
}
