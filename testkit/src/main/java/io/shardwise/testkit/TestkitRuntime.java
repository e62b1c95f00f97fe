package io.shardwise.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the testkit owns for the life of the JVM: one temporary directory for every server's files and the list of
 * servers to stop. One shutdown hook stops them all (in parallel) and deletes the directory, so a test run leaves
 * no server process and no files behind, even when a test forgets to clean up.
 */
final class TestkitRuntime {
    private static final List<BackendServer> SERVERS = new ArrayList<>();
    private static final AtomicInteger DEDICATED = new AtomicInteger();
    private static Path root;

    private TestkitRuntime() {
    }

    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("shardwise-testkit-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the testkit's temporary directory", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestkitRuntime::stopAll, "testkit-shutdown"));
        }
        return root;
    }

    static synchronized void register(BackendServer server) {
        SERVERS.add(server);
    }

    static int nextDedicatedIndex() {
        return DEDICATED.incrementAndGet();
    }

    private static void stopAll() {
        List<BackendServer> servers;
        synchronized (TestkitRuntime.class) {
            servers = new ArrayList<>(SERVERS);
        }
        List<Thread> stoppers = new ArrayList<>();
        for (BackendServer s : servers) {
            Thread t = new Thread(() -> {
                try {
                    s.stop();
                } catch (RuntimeException e) {
                    System.err.println("[shardwise-testkit] could not stop " + s + ": " + e);
                }
            }, "testkit-stop");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(root);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[shardwise-testkit] could not delete " + dir + ": " + e);
        }
    }
}
