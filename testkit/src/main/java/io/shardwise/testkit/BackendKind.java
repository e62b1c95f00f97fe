package io.shardwise.testkit;

/** The real database servers the testkit can start, with what a JDBC URL for them looks like. */
public enum BackendKind {
    POSTGRESQL("PostgreSQL", "jdbc:postgresql://"),
    MARIADB("MariaDB", "jdbc:mariadb://");

    private final String displayName;
    private final String urlPrefix;

    BackendKind(String displayName, String urlPrefix) {
        this.displayName = displayName;
        this.urlPrefix = urlPrefix;
    }

    public String displayName() {
        return displayName;
    }

    String url(String host, int port, String database) {
        return urlPrefix + host + ":" + port + "/" + database;
    }
}
