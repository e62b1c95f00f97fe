package io.shardwise.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The agent's configuration: a properties file named by the agent argument {@code config=<file>}.
 *
 * <pre>
 * table.orders.shard-key=customer_id     one line per profiled table (required, at least one)
 * table.orders.group=customers           optional: tables sharing a key space (default: the table's own name)
 * report.dir=/tmp/profile                optional: where the reports go (default: the working directory)
 * report.interval=60                     optional: seconds between reports, 0 = only at exit (default 60)
 * profiler.bucket=10                     optional: seconds per profiler bucket (default 10)
 * </pre>
 *
 * Any other key is refused: a typo must not silently profile nothing.
 */
record AgentConfig(Map<String, String> shardKeys, Map<String, String> groups, Path reportDir,
                   Duration reportInterval, Duration bucket) {

    static AgentConfig fromAgentArgs(String args) throws IOException {
        String file = null;
        if (args != null) {
            for (String part : args.split(",")) {
                String p = part.trim();
                if (p.startsWith("config=")) {
                    file = p.substring("config=".length());
                } else if (!p.isEmpty()) {
                    throw new IllegalArgumentException("unknown agent argument '" + p + "' (expected config=<file>)");
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("missing agent argument: -javaagent:shardwise-agent.jar=config=<file>");
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file))) {
            props.load(r);
        }
        return parse(props);
    }

    static AgentConfig parse(Properties props) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        Path dir = Path.of(".");
        Duration interval = Duration.ofSeconds(60);
        Duration bucket = Duration.ofSeconds(10);
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            String value = props.getProperty(key).trim();
            if (key.startsWith("table.") && key.endsWith(".shard-key") && key.length() > 16) {
                keys.put(table(key, ".shard-key"), value.toLowerCase(Locale.ROOT));
            } else if (key.startsWith("table.") && key.endsWith(".group") && key.length() > 12) {
                groups.put(table(key, ".group"), value.toLowerCase(Locale.ROOT));
            } else if (key.equals("report.dir")) {
                dir = Path.of(value);
            } else if (key.equals("report.interval")) {
                interval = Duration.ofSeconds(seconds(key, value, 0));
            } else if (key.equals("profiler.bucket")) {
                bucket = Duration.ofSeconds(seconds(key, value, 1));
            } else {
                throw new IllegalArgumentException("unknown configuration key '" + key + "' (known: table.<name>"
                        + ".shard-key, table.<name>.group, report.dir, report.interval, profiler.bucket)");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no table to profile: add table.<name>.shard-key=<column>");
        }
        for (String t : groups.keySet()) {
            if (!keys.containsKey(t)) {
                throw new IllegalArgumentException("table." + t + ".group is set but table." + t
                        + ".shard-key is not");
            }
        }
        return new AgentConfig(keys, groups, dir, interval, bucket);
    }

    String groupOf(String table) {
        return groups.getOrDefault(table, table);
    }

    private static String table(String key, String suffix) {
        return key.substring("table.".length(), key.length() - suffix.length()).toLowerCase(Locale.ROOT);
    }

    private static long seconds(String key, String value, long min) {
        try {
            long s = Long.parseLong(value);
            if (s >= min) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number of seconds >= " + min + ", not '"
                + value + "'");
    }
}
