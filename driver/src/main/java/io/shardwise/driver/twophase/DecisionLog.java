package io.shardwise.driver.twophase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's durable memory of two-phase commits: an append-only file of {@code COMMIT <gid> <nodes>}
 * lines, forced to disk before any node is told to commit, and {@code DONE <gid>} once every node has.
 *
 * <p>Presumed abort: a prepared transaction whose gid has no COMMIT line was never decided, so recovery rolls it
 * back. That is what makes a crash between PREPARE and the decision safe. A torn last line (a crash in the middle of
 * a write) was never forced, so it was never acted on, and reading ignores it.
 */
public final class DecisionLog implements AutoCloseable {
    private static final String FILE_NAME = "twophase-decisions.log";

    private final Path file;
    private final FileChannel channel;
    private final Map<String, List<String>> undone = new HashMap<>();

    private DecisionLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the log in {@code dir} and reads which committed transactions are not known done. */
    public static DecisionLog open(Path dir) throws SQLException {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            DecisionLog log = new DecisionLog(file, channel);
            log.replay(Files.readAllLines(file, StandardCharsets.UTF_8));
            return log;
        } catch (IOException e) {
            throw new SQLException("cannot open the two-phase commit log in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void replay(List<String> lines) {
        for (String line : lines) {
            String[] p = line.split(" ");
            if (p.length == 3 && p[0].equals("COMMIT") && line.endsWith(";")) {
                undone.put(p[1], List.of(p[2].substring(0, p[2].length() - 1).split(",")));
            } else if (p.length == 2 && p[0].equals("DONE")) {
                undone.remove(p[1]);
            }
        }
    }

    /** Records, durably, that {@code gid} commits on {@code nodes}. Only after this returns may a node commit. */
    public synchronized void commitDecided(String gid, Set<String> nodes) throws SQLException {
        append("COMMIT " + gid + " " + String.join(",", nodes) + ";\n", true);
        undone.put(gid, List.copyOf(nodes));
    }

    /** Records that every node has committed {@code gid}; not forced: losing it only repeats an idempotent check. */
    public synchronized void done(String gid) throws SQLException {
        append("DONE " + gid + "\n", false);
        undone.remove(gid);
    }

    public synchronized boolean isCommitted(String gid) {
        return undone.containsKey(gid);
    }

    /** Committed transactions that some node may not have committed yet, with their nodes. */
    public synchronized Map<String, List<String>> undone() {
        return Map.copyOf(undone);
    }

    private void append(String line, boolean force) throws SQLException {
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new SQLException("cannot write the two-phase commit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Names the set of nodes in insertion order, for the log line. */
    static Set<String> nodes(Iterable<String> ids) {
        Set<String> s = new LinkedHashSet<>();
        ids.forEach(s::add);
        return s;
    }

    @Override
    public synchronized void close() throws SQLException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new SQLException("cannot close the two-phase commit log " + file, e);
        }
    }
}
