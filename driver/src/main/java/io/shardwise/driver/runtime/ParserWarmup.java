package io.shardwise.driver.runtime;

/**
 * Pays Calcite's first-parse cost (class loading, ~300 ms) on a daemon thread as soon as the driver class loads,
 * so that no application request pays it. Connecting waits for it to finish (usually long done by then).
 */
public final class ParserWarmup {
    private static volatile Thread thread;
    private static volatile boolean completed;

    private ParserWarmup() {
    }

    public static synchronized void start(Runnable warmUp) {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                warmUp.run();
                completed = true;
            } catch (RuntimeException | LinkageError e) {
                // A failed warm-up only costs the first statement its latency; the real parse reports errors.
            }
        }, "shardwise-parser-warmup");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Whether a warm-up ran to its end without failing. */
    public static boolean completed() {
        return completed;
    }

    /** Waits until the warm-up has finished. */
    public static void await() {
        Thread t = thread;
        if (t != null && t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
