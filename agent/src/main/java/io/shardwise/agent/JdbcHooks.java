package io.shardwise.agent;

import io.shardwise.router.plan.ParameterSource;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.Map;

/**
 * What the advice woven into the application's JDBC classes calls. Public and static because the advice is inlined
 * into the driver's own classes. Every method swallows its own failures: the application must never see one.
 *
 * <p>A prepared statement's SQL and bound values are kept beside the statement object, weakly and by identity, so a statement the
 * application drops is forgotten with it. Nested JDBC calls (a driver whose {@code executeQuery()} calls its own
 * {@code execute()}) are counted once: only the outermost call on a thread records.
 */
public final class JdbcHooks {
    private static volatile ProfileRecorder recorder;
    // Concurrent and weak by identity (Caffeine's weakKeys): every JDBC call of the application looks a statement up
    // here, so a synchronized WeakHashMap would be a global lock on its hot path.
    private static final Map<Object, Prepared> PREPARED = Caffeine.newBuilder().weakKeys().<Object, Prepared>build()
            .asMap();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private JdbcHooks() {
    }

    static void install(ProfileRecorder r) {
        recorder = r;
    }

    /** A prepared statement's SQL and its current parameter values (1-based, as JDBC binds them). */
    static final class Prepared implements ParameterSource {
        final String sql;
        private Object[] values = new Object[8];

        Prepared(String sql) {
            this.sql = sql;
        }

        synchronized void set(int index, Object value) {
            if (index < 1 || index > 10_000) {
                return;
            }
            if (index >= values.length) {
                values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
            }
            values[index] = value;
        }

        synchronized void clear() {
            Arrays.fill(values, null);
        }

        @Override
        public synchronized Object parameter(int index) {
            return index > 0 && index < values.length ? values[index] : null;
        }
    }

    public static void prepared(Object statement, String sql) {
        try {
            if (recorder != null && statement != null && sql != null) {
                PREPARED.put(statement, new Prepared(sql));
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    public static void parameter(Object statement, int index, Object value) {
        try {
            Prepared p = recorder == null ? null : PREPARED.get(statement);
            if (p != null) {
                p.set(index, value);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    public static void clearParameters(Object statement) {
        try {
            Prepared p = recorder == null ? null : PREPARED.get(statement);
            if (p != null) {
                p.clear();
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** Before an execute call: returns the start time for {@link #executedPrepared} / {@link #executed}. */
    public static long enter() {
        DEPTH.get()[0]++;
        return System.nanoTime();
    }

    public static void executedPrepared(Object statement, long startNanos) {
        int[] depth = DEPTH.get();
        if (--depth[0] > 0) {
            return;
        }
        depth[0] = 0;
        try {
            ProfileRecorder r = recorder;
            Prepared p = r == null ? null : PREPARED.get(statement);
            if (p != null) {
                r.record(p.sql, p, System.nanoTime() - startNanos);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    public static void executed(String sql, long startNanos) {
        int[] depth = DEPTH.get();
        if (--depth[0] > 0) {
            return;
        }
        depth[0] = 0;
        try {
            ProfileRecorder r = recorder;
            if (r != null && sql != null) {
                r.record(sql, ParameterSource.NONE_BOUND, System.nanoTime() - startNanos);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** {@code PreparedStatement.addBatch()}: each batched row is one statement's worth of keys. */
    public static void batchedPrepared(Object statement) {
        try {
            ProfileRecorder r = recorder;
            Prepared p = r == null ? null : PREPARED.get(statement);
            if (p != null) {
                r.record(p.sql, p, 0);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** {@code Statement.addBatch(String)}. */
    public static void batched(String sql) {
        try {
            ProfileRecorder r = recorder;
            if (r != null && sql != null) {
                r.record(sql, ParameterSource.NONE_BOUND, 0);
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    private static void failed(Throwable t) {
        ProfileRecorder r = recorder;
        if (r != null) {
            r.failed(t);
        }
    }
}
