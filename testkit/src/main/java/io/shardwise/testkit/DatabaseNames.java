package io.shardwise.testkit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique, safe database names: tests pass a readable prefix, we add a counter and refuse anything else. */
final class DatabaseNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DatabaseNames() {
    }

    static String next(String prefix) {
        String p = prefix == null || prefix.isEmpty() ? "t" : prefix.toLowerCase(Locale.ROOT);
        if (!p.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database prefix must be a letter then letters, digits or _ "
                    + "(at most 41 characters), got: " + prefix);
        }
        return p + "_" + COUNTER.incrementAndGet();
    }
}
