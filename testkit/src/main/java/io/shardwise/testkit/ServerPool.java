package io.shardwise.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The servers of one kind shared by every test of a JVM: started on first demand, grown when a test asks for more,
 * never restarted between tests (tests isolate themselves with their own databases), stopped at JVM exit.
 * A start that failed is remembered, so the remaining tests fail at once with the first cause instead of each
 * paying for another failed start.
 */
final class ServerPool<S extends BackendServer> {

    interface Factory<S> {
        S start(Path parent, int index);
    }

    private final BackendKind kind;
    private final Factory<S> factory;
    private final List<S> servers = new ArrayList<>();
    private RuntimeException startFailure;

    ServerPool(BackendKind kind, Factory<S> factory) {
        this.kind = kind;
        this.factory = factory;
    }

    /** The first {@code n} shared servers of this kind, starting the missing ones (in parallel). */
    synchronized List<S> first(int n) {
        Platforms.assumeSupported(kind);
        if (startFailure != null) {
            throw new IllegalStateException(kind.displayName() + " could not start earlier in this JVM; see the cause",
                    startFailure);
        }
        if (servers.size() < n) {
            try {
                servers.addAll(startMany(servers.size(), n - servers.size()));
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return List.copyOf(servers.subList(0, n));
    }

    /** A server of this kind for one test alone (e.g. one the test will stop); stopped at JVM exit at the latest. */
    synchronized S dedicated() {
        Platforms.assumeSupported(kind);
        return startMany(1000 + TestkitRuntime.nextDedicatedIndex(), 1).get(0);
    }

    /**
     * A start can fail for a reason that does not repeat (seen here: mariadb-install-db aborting with "Unknown table
     * mysql.tmp_proxies_priv" on a loaded machine), so one failed start is retried in a fresh directory on a fresh
     * port; a second failure is reported with both causes.
     */
    private S startWithOneRetry(Path root, int index) {
        try {
            return factory.start(root, index);
        } catch (RuntimeException first) {
            System.err.println("[shardwise-testkit] " + kind.displayName() + " #" + index + " failed to start, retrying once: "
                    + first);
            try {
                return factory.start(root, index + 500);
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private List<S> startMany(int firstIndex, int count) {
        Path root = TestkitRuntime.root();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 3), r -> {
            Thread t = new Thread(r, "testkit-start-" + kind.name().toLowerCase());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<S>> starts = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int index = firstIndex + i;
                starts.add(pool.submit(() -> {
                    S s = startWithOneRetry(root, index);
                    TestkitRuntime.register(s);
                    return s;
                }));
            }
            List<S> started = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<S> f : starts) {
                try {
                    started.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failure = cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while starting " + kind.displayName(), e);
                }
            }
            if (failure != null) {
                System.err.println("[shardwise-testkit] " + kind.displayName() + " FAILED to start on a supported "
                        + "platform (" + Platforms.OS + "/" + Platforms.ARCH + "): " + failure);
                throw failure;
            }
            long wall = (System.nanoTime() - t0) / 1_000_000;
            StringBuilder line = new StringBuilder("[shardwise-testkit] started ").append(count).append(' ')
                    .append(kind.displayName()).append(" server(s) in ").append(wall).append(" ms wall:");
            for (S s : started) {
                line.append(' ').append(s.host()).append(':').append(s.port())
                        .append(" (").append(s.firstStartMillis()).append(" ms)");
            }
            System.err.println(line);
            return started;
        } finally {
            pool.shutdownNow();
        }
    }
}
