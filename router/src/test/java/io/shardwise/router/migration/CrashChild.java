package io.shardwise.router.migration;

import io.shardwise.router.ShardwiseRouter;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.Shard;
import io.shardwise.router.topology.ShardingStrategy;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * The process the crash test kills: a router on two file-based H2 nodes, writers that increment counters through
 * the migration write path and log each increment before ("B k") and after ("A k") its commit, and a migration of
 * shard 1 that stops (so the parent can kill the process) right after it persisted the state named in args[1]
 * (or FLIP: right after the owner flip was persisted).
 */
public final class CrashChild {
    static final int KEYS = 2000;
    static final int WRITERS = 4;

    static ClusterSpec spec(Path dir) {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("n1", "jdbc:h2:file:" + dir.resolve("n1") + ";FILE_LOCK=NO;WRITE_DELAY=0", "sa", "", new Properties()),
                new NodeSpec("n2", "jdbc:h2:file:" + dir.resolve("n2") + ";FILE_LOCK=NO;WRITE_DELAY=0", "sa", "", new Properties()));
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        tables.put("counters", new TableSpec("counters", "k", "g"));
        Map<String, GroupSpec> groups = new LinkedHashMap<>();
        groups.put("g", new GroupSpec("g", ShardingStrategy.RANGE, 2, List.of(1000L)));
        return new ClusterSpec(nodes, tables, groups, Set.of(), "n1", dir.resolve("meta"), SqlDialectKind.H2);
    }

    static MigrationSettings settings() {
        return new MigrationSettings(100, 3000, 2000, 300, 50, 50, 3, 20_000, 2000, 8, 600_000, 3);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String stopAt = args[1];
        ShardwiseRouter router = ShardwiseRouter.start(spec(dir), settings());
        for (String n : new String[] {"n1", "n2"}) {
            try (Connection c = router.nodes().get(n).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS counters (k BIGINT PRIMARY KEY, n INT NOT NULL)");
            }
        }
        for (int k = 0; k < KEYS; k++) {
            String node = router.topology().shardFor("g", k).node();
            try (Connection c = router.nodes().get(node).getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO counters VALUES (?, 0)")) {
                ps.setLong(1, k);
                ps.executeUpdate();
            }
        }
        router.migrations().setListener(new MigrationListener() {
            @Override
            public void persisted(MigrationRecord r) {
                if (r.state().name().equals(stopAt)) {
                    stop(stopAt);
                }
            }

            @Override
            public void flipped(MigrationRecord r) {
                if (stopAt.equals("FLIP")) {
                    stop(stopAt);
                }
            }
        });
        for (int w = 0; w < WRITERS; w++) {
            int id = w;
            Thread t = new Thread(() -> write(router, dir, id), "writer-" + w);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(300);
        System.out.println("MOVING");
        System.out.flush();
        MigrationRecord r = router.migrations().move(1, "n2");
        System.out.println("FINISHED " + r.state() + " " + r.error());
        System.out.flush();
        Thread.sleep(60_000);
    }

    private static void stop(String state) {
        System.out.println("READY " + state);
        System.out.flush();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(ShardwiseRouter router, Path dir, int id) {
        Random rnd = new Random(id);
        MigrationWriteSession session = new MigrationWriteSession(router.migrations());
        try (FileOutputStream log = new FileOutputStream(dir.resolve("log" + id).toFile(), true)) {
            while (true) {
                long k = rnd.nextInt(KEYS / WRITERS) * WRITERS + id;
                log.write(("B " + k + "\n").getBytes(StandardCharsets.US_ASCII));
                boolean committed = false;
                while (!committed) {
                    Shard shard = router.topology().shardFor("g", k);
                    try (Connection c = router.nodes().get(shard.node()).getConnection()) {
                        c.setAutoCommit(false);
                        try {
                            session.beforeWrite(shard.node(), c, shard.id(), "counters", k, k, "UPDATE", null);
                            try (PreparedStatement ps = c.prepareStatement(
                                    "UPDATE counters SET n = n + 1 WHERE k = ?")) {
                                ps.setLong(1, k);
                                ps.executeUpdate();
                            }
                            c.commit();
                            committed = true;
                        } catch (SQLTransientException e) {
                            c.rollback();
                        } finally {
                            session.afterTransaction();
                        }
                    }
                }
                log.write(("A " + k + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException | SQLException e) {
            System.out.println("WRITER " + id + " FAILED " + e);
            System.out.flush();
        }
    }
}
