package io.shardwise.router.migration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Persists migration records beside the topology (file {@code migrations.properties} in the metadata directory),
 * or keeps them in memory when there is no metadata directory. Every save rewrites the file atomically: write a
 * temporary file, force it to disk, rename it over the old one. The topology, not this file, says who owns a
 * shard: after a crash the engine reads both and trusts the topology (see MigrationEngine#recover).
 */
public final class MigrationStore {
    public static final String FILE = "migrations.properties";

    private final Path file;
    private final Map<Long, MigrationRecord> records = new TreeMap<>();

    /** @param dir the metadata directory, or null for an in-memory store */
    public MigrationStore(Path dir) throws IOException {
        this.file = dir == null ? null : dir.resolve(FILE);
        if (file != null) {
            Files.createDirectories(dir);
            load();
        }
    }

    public static MigrationStore inMemory() {
        try {
            return new MigrationStore(null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Map<Long, Map<String, String>> byId = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!name.startsWith("migration.")) {
                continue;
            }
            String rest = name.substring("migration.".length());
            int dot = rest.indexOf('.');
            long id = Long.parseLong(rest.substring(0, dot));
            byId.computeIfAbsent(id, x -> new HashMap<>()).put(rest.substring(dot + 1), p.getProperty(name));
        }
        for (Map.Entry<Long, Map<String, String>> e : byId.entrySet()) {
            records.put(e.getKey(), MigrationRecord.readFrom(e.getValue(), e.getKey()));
        }
    }

    public synchronized long nextId() {
        return records.isEmpty() ? 1 : ((TreeMap<Long, MigrationRecord>) records).lastKey() + 1;
    }

    /** Adds or updates a record and persists all records before returning. */
    public synchronized void save(MigrationRecord r) throws IOException {
        records.put(r.id, r);
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        for (MigrationRecord each : records.values()) {
            each.writeTo(p);
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            p.store(out, "Shardwise migrations");
            out.flush();
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public synchronized MigrationRecord get(long id) {
        return records.get(id);
    }

    public synchronized List<MigrationRecord> all() {
        return new ArrayList<>(records.values());
    }

    public synchronized Collection<MigrationRecord> unfinished() {
        List<MigrationRecord> out = new ArrayList<>();
        for (MigrationRecord r : records.values()) {
            if (!r.state().terminal() || r.targetCleanupPending()) {
                out.add(r);
            }
        }
        return out;
    }
}
