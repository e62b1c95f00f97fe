package io.shardwise.bench.driver;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A plain stack sampler for one thread, used by the benchmark's profile mode to say where a target spends its time
 * per operation: which methods are on top of the stack (self time) and which appear anywhere in it (inclusive).
 * {@link Thread#getStackTrace()} samples at safepoints, so short leaf methods are under-represented; the inclusive
 * view by package and by method is what to read.
 */
final class StackSampler implements Runnable {

    private final Thread target;
    private final long intervalMicros;
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> packages = new HashMap<>();
    private volatile boolean running = true;
    private int samples;

    StackSampler(Thread target, long intervalMicros) {
        this.target = target;
        this.intervalMicros = intervalMicros;
    }

    Thread start() {
        Thread t = new Thread(this, "bench-stack-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    void stop(Thread samplerThread) throws InterruptedException {
        running = false;
        samplerThread.join();
    }

    @Override
    public void run() {
        while (running) {
            StackTraceElement[] stack = target.getStackTrace();
            if (stack.length > 0) {
                record(stack);
            }
            try {
                Thread.sleep(intervalMicros / 1000, (int) (intervalMicros % 1000) * 1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(StackTraceElement[] stack) {
        samples++;
        self.merge(frame(stack[0]), 1, Integer::sum);
        Set<String> seenMethods = new HashSet<>();
        Set<String> seenPackages = new HashSet<>();
        for (StackTraceElement e : stack) {
            String f = frame(e);
            if (seenMethods.add(f)) {
                inclusive.merge(f, 1, Integer::sum);
            }
            String p = packageOf(e.getClassName());
            if (seenPackages.add(p)) {
                packages.merge(p, 1, Integer::sum);
            }
        }
    }

    private static String frame(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName();
    }

    /** The first three package segments, e.g. io.shardwise.router or org.apache.calcite. */
    private static String packageOf(String className) {
        String[] parts = className.split("\\.");
        int n = Math.min(parts.length - 1, 3);
        return n <= 0 ? className : String.join(".", java.util.Arrays.copyOf(parts, n));
    }

    synchronized void print(PrintStream out, int top) {
        out.printf("%d samples%n", samples);
        printTop(out, "packages on the stack (inclusive)", packages, top);
        printTop(out, "methods on the stack (inclusive)", inclusive, top);
        printTop(out, "top of stack (self)", self, top);
    }

    private void printTop(PrintStream out, String title, Map<String, Integer> counts, int top) {
        out.println("-- " + title);
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .limit(top)
                .forEach(e -> out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
