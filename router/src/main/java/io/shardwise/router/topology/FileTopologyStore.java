package io.shardwise.router.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded default store: {@code topology.txt} in the metadata directory (format: {@link TopologyCodec}).
 *
 * <p>Saving writes a temporary file, forces it to disk, renames it over the old file atomically and forces the
 * directory, so a crash leaves either the old or the new topology, never a torn one. Opening takes an exclusive
 * {@link FileLock} on {@code topology.lock} and holds it until {@link #close()}: a second process (or a second
 * router in this JVM) pointed at the same directory gets an SQLException instead of writing a topology of its own
 * that the first would never see. Cluster mode (several application servers) needs a shared store instead.
 */
public final class FileTopologyStore implements TopologyStore {
    public static final String FILE = "topology.txt";
    public static final String LOCK_FILE = "topology.lock";

    private final Path dir;
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private long savedVersion = -1;

    private FileTopologyStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) the store in {@code dir} and locks it for this process. */
    public static FileTopologyStore open(Path dir) throws SQLException {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new SQLException("The Shardwise metadata directory " + dir.toAbsolutePath() + " is in use by"
                        + " another driver instance (it holds " + LOCK_FILE + "). Two instances writing one local"
                        + " topology would diverge: give each its own metadata.dir, or share one instance.", "55006");
            }
            return new FileTopologyStore(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SQLException("Cannot open the Shardwise metadata directory " + dir.toAbsolutePath() + ": " + e,
                    "58030", e);
        }
    }

    @Override
    public synchronized Optional<Topology> load() throws SQLException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Topology t = TopologyCodec.decode(Files.readString(file, StandardCharsets.UTF_8));
            savedVersion = t.version();
            return Optional.of(t);
        } catch (IOException | IllegalArgumentException e) {
            throw new SQLException("Cannot read the Shardwise topology " + file.toAbsolutePath() + ": "
                    + e.getMessage(), "58030", e);
        }
    }

    @Override
    public synchronized void save(Topology topology) throws SQLException {
        if (topology.version() <= savedVersion) {
            throw new SQLException("topology version " + topology.version() + " is not newer than the saved "
                    + savedVersion, "55000");
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            byte[] bytes = TopologyCodec.encode(topology).getBytes(StandardCharsets.UTF_8);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            savedVersion = topology.version();
        } catch (IOException e) {
            throw new SQLException("Cannot save the Shardwise topology to " + file.toAbsolutePath() + ": " + e,
                    "58030", e);
        }
    }

    /** Makes the rename itself durable (POSIX: the directory entry lives in the directory's own blocks). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for reading; the rename is still atomic there.
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            throw new SQLException("Cannot release " + dir.resolve(LOCK_FILE) + ": " + e, "58030", e);
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing with the original error
            }
        }
    }
}
