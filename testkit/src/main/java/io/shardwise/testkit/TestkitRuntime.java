package io.shardwise.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the testkit owns for the life of the JVM: one temporary directory for every server's files and the list of
 * servers to stop. One shutdown hook kills them all (in parallel; their data is disposable) and deletes the
 * directory, so a test run leaves no server process and no files behind, even when a test forgets to clean up.
 */
final class TestkitRuntime {
    private static final List<BackendServer> SERVERS = new ArrayList<>();
    private static final AtomicInteger DEDICATED = new AtomicInteger();
    private static final String PREFIX = "shardwise-testkit-";
    private static final String LOCK_FILE = ".owner.lock";
    private static Path root;
    private static FileLock ownerLock;

    private TestkitRuntime() {
    }

    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory(PREFIX);
                // Held for the life of this JVM: a directory whose lock can be taken belongs to a dead JVM.
                ownerLock = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE).lock();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the testkit's temporary directory", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestkitRuntime::stopAll, "testkit-shutdown"));
            sweepAbandoned(root.getParent());
        }
        return root;
    }

    /**
     * Deletes the directories of testkit JVMs that died without cleaning up (killed, or their shutdown hook cut
     * short): those whose owner lock nobody holds any more. A live JVM's directory is never touched.
     */
    private static void sweepAbandoned(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX) && !d.equals(root)).forEach(d -> {
                Path lock = d.resolve(LOCK_FILE);
                if (!Files.exists(lock)) {
                    // Half-deleted by a shutdown cut short (the lock file goes early), or made by an older testkit:
                    // nobody owns it once it is old enough that no test JVM can still be running in it.
                    if (olderThanMinutes(d, 30)) {
                        deleteTree(d);
                    }
                    return;
                }
                try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
                    FileLock l = ch.tryLock();
                    if (l != null) {
                        l.release();
                        deleteTree(d);
                    }
                } catch (IOException | OverlappingFileLockException e) {
                    // held or unreadable: leave it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[shardwise-testkit] could not sweep " + tmp + ": " + e);
        }
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
                    s.kill();
                } catch (RuntimeException e) {
                    System.err.println("[shardwise-testkit] could not stop " + s + ": " + e);
                }
            }, "testkit-stop");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(root);
    }

    private static boolean olderThanMinutes(Path p, long minutes) {
        try {
            return Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - minutes * 60_000;
        } catch (IOException e) {
            return false;
        }
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
