package io.shardwise.driver.config;

import com.zaxxer.hikari.HikariConfig;
import io.shardwise.router.config.ClusterSpec;
import io.shardwise.router.config.GroupSpec;
import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.Redaction;
import io.shardwise.router.config.TableSpec;
import io.shardwise.router.sql.SqlDialectKind;
import io.shardwise.router.topology.ShardingStrategy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the user's settings into a validated {@link ClusterSpec}. Every error names the key at fault; a password's
 * value never appears in a message.
 */
public final class ShardwiseConfig {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_$][a-z0-9_$-]*");

    private ShardwiseConfig() {
    }

    /**
     * The online-migration knobs ({@code migration.*}, docs/migration.md) of a configuration; defaults for the keys
     * it does not set. A bad value is an error naming the key.
     */
    public static io.shardwise.router.migration.MigrationSettings migrationSettings(Properties props)
            throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            String normalized = normalizeKey(key);
            if (normalized.startsWith("migration.")) {
                settings.put(normalized, props.getProperty(key));
            }
        }
        try {
            return io.shardwise.router.migration.MigrationSettings.fromProperties(settings);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Invalid setting: " + e.getMessage(), "HY000");
        }
    }

    /**
     * The profiler knobs ({@code profiler.*}: enabled, bucket, history, step, season; README, Configuration) of a
     * configuration; defaults for the keys it does not set. A bad value is an error naming the key.
     */
    public static io.shardwise.router.ProfilerSettings profilerSettings(Properties props) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            String normalized = normalizeKey(key);
            if (normalized.startsWith("profiler.")) {
                settings.put(normalized, props.getProperty(key));
            }
        }
        try {
            return io.shardwise.router.ProfilerSettings.fromProperties(settings);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Invalid setting: " + e.getMessage(), "HY000");
        }
    }

    /**
     * The re-sharding controller's knobs ({@code resharding.*}, docs/resharding.md); off unless
     * {@code resharding.enabled=true}. A bad value is an error naming the key.
     */
    public static io.shardwise.router.resharding.ReshardingSettings reshardingSettings(Properties props)
            throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            String normalized = normalizeKey(key);
            if (normalized.startsWith("resharding.")) {
                settings.put(normalized, props.getProperty(key));
            }
        }
        try {
            return io.shardwise.router.resharding.ReshardingSettings.fromProperties(settings);
        } catch (IllegalArgumentException e) {
            throw new SQLException("Invalid setting: " + e.getMessage(), "HY000");
        }
    }

    /** Parses the settings of a {@link ConfigSource}. */
    public static ClusterSpec parse(ConfigSource source) throws SQLException {
        return parse(source.properties(), source.defaultMetadataDir(), source.baseDir());
    }

    /**
     * @param props              the effective settings (file merged with the given Properties)
     * @param defaultMetadataDir where the topology lives when {@code metadata.dir} is not set; null means in memory
     * @param baseDir            what a relative {@code metadata.dir} is resolved against; null means the working dir
     */
    public static ClusterSpec parse(Properties props, Path defaultMetadataDir, Path baseDir) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            String value = props.getProperty(key);
            String normalized = normalizeKey(key);
            if (!ConfigKeys.isKnown(normalized)) {
                throw new SQLException("Unknown Shardwise setting '" + key + "'; did you mean '"
                        + ConfigKeys.closest(key) + "'? (see README.md, Configuration)", "HY000");
            }
            settings.put(normalized, value == null ? "" : value.trim());
        }

        List<String> nodeIds = names(settings, ConfigKeys.NODES);
        if (nodeIds.isEmpty()) {
            throw new SQLException("Missing setting 'nodes': list the backend node ids, e.g. nodes=n1,n2");
        }
        List<NodeSpec> nodes = parseNodes(settings, nodeIds);
        String defaultNode = settings.containsKey(ConfigKeys.DEFAULT_NODE)
                ? settings.get(ConfigKeys.DEFAULT_NODE).toLowerCase(Locale.ROOT) : nodeIds.get(0);
        if (!nodeIds.contains(defaultNode)) {
            throw new SQLException("Setting 'default-node' names '" + defaultNode + "', which is not in nodes="
                    + String.join(",", nodeIds));
        }

        Set<String> referenceTables = new LinkedHashSet<>(names(settings, ConfigKeys.REFERENCE_TABLES));
        Map<String, TableSpec> tables = parseTables(settings, referenceTables);
        Map<String, GroupSpec> groups = parseGroups(settings, tables, nodeIds.size());

        Path metadataDir = defaultMetadataDir;
        String dir = settings.get(ConfigKeys.METADATA_DIR);
        if (dir != null && !dir.isEmpty()) {
            Path p = Path.of(dir);
            metadataDir = (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
        }
        String defaultUrl = nodes.stream().filter(n -> n.id().equals(defaultNode)).findFirst().orElseThrow().url();
        SqlDialectKind dialect = dialect(settings.get(ConfigKeys.SQL_DIALECT), defaultNode, defaultUrl);
        boolean twoPhase = twoPhaseCommit(settings.get(ConfigKeys.TRANSACTIONS), nodes, metadataDir);
        ClusterSpec spec = new ClusterSpec(List.copyOf(nodes), Collections.unmodifiableMap(tables),
                Collections.unmodifiableMap(groups), Collections.unmodifiableSet(referenceTables), defaultNode,
                metadataDir, dialect, twoPhase);
        String shared = settings.get(ConfigKeys.METADATA);
        if (shared != null && !shared.isEmpty()) {
            // Many driver instances share the topology through ZooKeeper; a metadata directory, if any, keeps only
            // this instance's own records (migrations, the 2PC decision log). docs/zookeeper.md
            spec = spec.withZooKeeper(io.shardwise.router.topology.zookeeper.ZooKeeperAddress.parse(shared));
        }
        return spec;
    }

    private static List<NodeSpec> parseNodes(Map<String, String> settings, List<String> nodeIds)
            throws SQLException {
        for (String key : settings.keySet()) {
            if (key.startsWith("node.")) {
                String id = key.split("\\.", 3)[1];
                if (!nodeIds.contains(id)) {
                    throw new SQLException("Setting '" + key + "' configures node '" + id
                            + "', which is not listed in nodes=" + String.join(",", nodeIds));
                }
            }
        }
        String defaultUser = settings.get(ConfigKeys.USER);
        String defaultPassword = settings.get(ConfigKeys.PASSWORD);
        List<NodeSpec> nodes = new ArrayList<>();
        for (String id : nodeIds) {
            String prefix = "node." + id + ".";
            String url = settings.get(prefix + "url");
            if (url == null || url.isEmpty()) {
                throw new SQLException("Missing setting '" + prefix + "url': the JDBC URL of node '" + id + "'");
            }
            if (url.startsWith("jdbc:shardwise:")) {
                throw new SQLException("Setting '" + prefix + "url' points at Shardwise itself ("
                        + Redaction.url(url) + "); it must be a backend database URL");
            }
            Properties pool = new Properties();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                if (e.getKey().startsWith(prefix + "pool.")) {
                    pool.setProperty(e.getKey().substring(prefix.length() + 5), e.getValue());
                }
            }
            checkPoolSettings(prefix, pool);
            String user = settings.getOrDefault(prefix + "user", defaultUser);
            String password = settings.getOrDefault(prefix + "password", defaultPassword);
            nodes.add(new NodeSpec(id, url, user, password, pool));
        }
        return nodes;
    }

    /** HikariCP rejects unknown pool settings only when the pool starts; check them here to name the key. */
    private static void checkPoolSettings(String prefix, Properties pool) throws SQLException {
        for (String key : pool.stringPropertyNames()) {
            Properties one = new Properties();
            one.setProperty(key, pool.getProperty(key));
            try {
                new HikariConfig(one);
            } catch (RuntimeException e) {
                String shown = ConfigKeys.isSecret(key) ? "" : " (value '" + pool.getProperty(key) + "')";
                throw new SQLException("Invalid pool setting '" + prefix + "pool." + key + "'" + shown
                        + ": HikariCP has no such property or cannot use the value; see HikariCP's configuration"
                        + " documentation for valid names");
            }
        }
    }

    private static Map<String, TableSpec> parseTables(Map<String, String> settings, Set<String> referenceTables)
            throws SQLException {
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        Set<String> tableNames = new TreeSet<>();
        for (String key : settings.keySet()) {
            if (key.startsWith("table.")) {
                tableNames.add(key.split("\\.", 3)[1]);
            }
        }
        for (String raw : tableNames) {
            String name = lowerName("table." + raw, raw);
            String shardKey = settings.get("table." + raw + ".shard-key");
            if (shardKey == null || shardKey.isEmpty()) {
                throw new SQLException("Missing setting 'table." + raw + ".shard-key': table '" + name
                        + "' has other settings but no shard-key column");
            }
            if (referenceTables.contains(name)) {
                throw new SQLException("Table '" + name + "' is in reference-tables and also has 'table." + raw
                        + ".shard-key': a table is either copied to every node or sharded, not both");
            }
            String group = settings.get("table." + raw + ".group");
            group = group == null || group.isEmpty() ? name : lowerName("table." + raw + ".group", group);
            tables.put(name, new TableSpec(name, lowerName("table." + raw + ".shard-key", shardKey), group));
        }
        return tables;
    }

    private static Map<String, GroupSpec> parseGroups(Map<String, String> settings, Map<String, TableSpec> tables,
            int nodeCount) throws SQLException {
        Set<String> used = new LinkedHashSet<>();
        tables.values().forEach(t -> used.add(t.group()));
        for (String key : settings.keySet()) {
            if (key.startsWith("group.")) {
                String g = key.split("\\.", 3)[1].toLowerCase(Locale.ROOT);
                if (!used.contains(g)) {
                    throw new SQLException("Setting '" + key + "' configures group '" + g
                            + "', but no table belongs to it (set table.<name>.group=" + g
                            + ", or a table's own name is its group)");
                }
            }
        }
        Map<String, GroupSpec> groups = new LinkedHashMap<>();
        for (String g : used) {
            String prefix = "group." + g + ".";
            String strategyText = findIgnoringCase(settings, prefix + "strategy");
            String shardsText = findIgnoringCase(settings, prefix + "shards");
            String splitText = findIgnoringCase(settings, prefix + "split-points");
            List<Long> splitPoints = splitPoints(prefix + "split-points", splitText);
            ShardingStrategy strategy;
            if (strategyText == null || strategyText.isEmpty()) {
                strategy = splitPoints.isEmpty() ? ShardingStrategy.HASH : ShardingStrategy.RANGE;
            } else {
                strategy = switch (strategyText.toLowerCase(Locale.ROOT)) {
                    case "hash" -> ShardingStrategy.HASH;
                    case "range" -> ShardingStrategy.RANGE;
                    default -> throw new SQLException("Setting '" + prefix + "strategy' is '" + strategyText
                            + "'; valid values: hash, range");
                };
            }
            if (strategy == ShardingStrategy.HASH && !splitPoints.isEmpty()) {
                throw new SQLException("Settings '" + prefix + "split-points' and '" + prefix
                        + "strategy=hash' conflict: split points need strategy=range");
            }
            int shards;
            if (shardsText != null && !shardsText.isEmpty()) {
                shards = positiveInt(prefix + "shards", shardsText);
                if (!splitPoints.isEmpty() && shards != splitPoints.size() + 1) {
                    throw new SQLException("Settings '" + prefix + "shards=" + shards + "' and '" + prefix
                            + "split-points' conflict: " + splitPoints.size() + " split points make "
                            + (splitPoints.size() + 1) + " shards; set only one of them");
                }
            } else {
                shards = splitPoints.isEmpty() ? nodeCount : splitPoints.size() + 1;
            }
            groups.put(g, new GroupSpec(g, strategy, shards, List.copyOf(splitPoints)));
        }
        return groups;
    }

    /** Names are case-insensitive: lower-case all of a key but a pool setting's HikariCP property name. */
    private static String normalizeKey(String key) {
        String[] p = key.split("\\.", 3);
        if (p.length == 3 && p[2].regionMatches(true, 0, "pool.", 0, 5)) {
            return (p[0] + "." + p[1] + ".pool.").toLowerCase(Locale.ROOT) + p[2].substring(5);
        }
        return key.toLowerCase(Locale.ROOT);
    }

    private static String findIgnoringCase(Map<String, String> settings, String key) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static List<Long> splitPoints(String key, String text) throws SQLException {
        List<Long> points = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return points;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            long v;
            try {
                v = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new SQLException("Setting '" + key + "': '" + p
                        + "' is not an integer; range split points are integral shard-key values");
            }
            if (!points.isEmpty() && v <= points.get(points.size() - 1)) {
                throw new SQLException("Setting '" + key + "': split points must be strictly ascending, but " + v
                        + " follows " + points.get(points.size() - 1));
            }
            points.add(v);
        }
        return points;
    }

    private static int positiveInt(String key, String text) throws SQLException {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= 1 << 16) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SQLException("Setting '" + key + "' is '" + text + "'; expected a whole number from 1 to 65536");
    }

    /**
     * {@code transactions=2pc} needs PREPARE TRANSACTION / COMMIT PREPARED / pg_prepared_xacts on every node
     * (PostgreSQL only: H2's PREPARE COMMIT and MySQL's XA are other protocols the coordinator does not speak) and a
     * metadata.dir for the decision log, which must survive the driver's crash.
     */
    private static boolean twoPhaseCommit(String text, List<NodeSpec> nodes, Path metadataDir) throws SQLException {
        if (text == null || text.isEmpty() || text.equalsIgnoreCase("best-effort")) {
            return false;
        }
        if (!text.equalsIgnoreCase("2pc")) {
            throw new SQLException("Setting 'transactions' is '" + text + "'; valid values: best-effort, 2pc");
        }
        for (NodeSpec n : nodes) {
            String url = n.url().toLowerCase(Locale.ROOT);
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new SQLException("Setting 'transactions=2pc' needs PostgreSQL on every node (PREPARE TRANSACTION"
                        + " / COMMIT PREPARED), but node '" + n.id() + "' is " + Redaction.url(n.url())
                        + "; use transactions=best-effort, or only PostgreSQL nodes");
            }
        }
        if (metadataDir == null) {
            throw new SQLException("Setting 'transactions=2pc' needs 'metadata.dir': the two-phase commit decision "
                    + "log must be on disk to recover in-doubt transactions after a crash");
        }
        return true;
    }

    private static SqlDialectKind dialect(String text, String defaultNode, String defaultUrl) throws SQLException {
        if (text != null && !text.isEmpty()) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "h2" -> SqlDialectKind.H2;
                case "postgresql", "postgres" -> SqlDialectKind.POSTGRESQL;
                case "mysql", "mariadb" -> SqlDialectKind.MYSQL;
                default -> throw new SQLException("Setting 'sql.dialect' is '" + text
                        + "'; valid values: h2, postgresql, mysql");
            };
        }
        String url = defaultUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return SqlDialectKind.H2;
        }
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:pgsql:")) {
            return SqlDialectKind.POSTGRESQL;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return SqlDialectKind.MYSQL;
        }
        throw new SQLException("Cannot tell the SQL dialect from the URL of default node '" + defaultNode + "' ("
                + Redaction.url(defaultUrl) + "); set sql.dialect=h2|postgresql|mysql");
    }

    private static List<String> names(Map<String, String> settings, String key) throws SQLException {
        String text = settings.get(key);
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            name = lowerName(key, name);
            if (out.contains(name)) {
                throw new SQLException("Setting '" + key + "' lists '" + name + "' twice");
            }
            out.add(name);
        }
        return out;
    }

    private static String lowerName(String key, String name) throws SQLException {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(lower).matches()) {
            throw new SQLException("Setting '" + key + "': '" + name
                    + "' is not a valid name (letters, digits, '_', '$', '-')");
        }
        return lower;
    }
}
