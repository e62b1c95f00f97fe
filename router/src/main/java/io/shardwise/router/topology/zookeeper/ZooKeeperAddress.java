package io.shardwise.router.topology.zookeeper;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code zookeeper://host:port[,host:port...]/chroot} metadata setting. The chroot is required: every
 * cluster of driver instances lives under its own path, so two clusters sharing one ensemble never see each other.
 */
public record ZooKeeperAddress(List<String> hosts, String chroot) {
    public static final String SCHEME = "zookeeper://";

    public static boolean isZooKeeper(String value) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    public static ZooKeeperAddress parse(String value) throws SQLException {
        if (!isZooKeeper(value)) {
            throw invalid(value, "it must start with " + SCHEME);
        }
        String rest = value.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw invalid(value, "a chroot path is required after the hosts, e.g. zookeeper://zk1:2181/shardwise");
        }
        String chroot = rest.substring(slash);
        if (chroot.endsWith("/") || chroot.contains("//")) {
            throw invalid(value, "the chroot '" + chroot + "' must not end in '/' or contain '//'");
        }
        String hostPart = rest.substring(0, slash);
        if (hostPart.isEmpty()) {
            throw invalid(value, "no host:port given");
        }
        List<String> hosts = List.of(hostPart.split(","));
        for (String h : hosts) {
            int colon = h.lastIndexOf(':');
            if (colon <= 0 || colon == h.length() - 1) {
                throw invalid(value, "'" + h + "' is not host:port");
            }
            try {
                int port = Integer.parseInt(h.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw invalid(value, "port " + port + " of '" + h + "' is out of range");
                }
            } catch (NumberFormatException e) {
                throw invalid(value, "the port of '" + h + "' is not a number");
            }
        }
        return new ZooKeeperAddress(hosts, chroot);
    }

    /** The ensemble as ZooKeeper's connect string, without the chroot (Curator applies it as a namespace). */
    public String connectString() {
        return String.join(",", hosts);
    }

    /** The chroot as a Curator namespace (no leading slash). */
    public String namespace() {
        return chroot.substring(1);
    }

    @Override
    public String toString() {
        return SCHEME + connectString() + chroot;
    }

    private static SQLException invalid(String value, String why) {
        return new SQLException("Setting 'metadata' = '" + value + "' is not a ZooKeeper address: " + why, "HY000");
    }
}
