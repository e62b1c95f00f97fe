package io.shardwise.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One database (PostgreSQL) or schema (MariaDB) made for one test on one real server. The URL carries no
 * credentials: they are in {@link #user()} and {@link #password()}, so the URL can be printed.
 */
public record TestDatabase(BackendKind kind, String name, String url, String user, String password) {

    /** A plain connection straight to this database, bypassing Shardwise: for setup and for checking results. */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    @Override
    public String toString() {
        return kind.displayName() + " database " + name + " at " + url;
    }
}
