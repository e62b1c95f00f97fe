package io.shardwise.agent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A plain H2 application that knows nothing of Shardwise: the agent test runs it in a child JVM with
 * {@code -javaagent}. Its workload is skewed to customer 7, through prepared and plain statements.
 */
public final class ProfiledApp {
    static final int ROWS = 100;
    static final int HOT_PREPARED_SELECTS = 600;
    static final int COLD_SELECTS_PER_KEY = 20;
    static final int HOT_PLAIN_SELECTS = 100;
    static final int HOT_PLAIN_UPDATES = 5;
    /** Statements naming customer 7: its inserts, prepared and plain selects, and the IN-list updates. */
    static final long HOT_KEY_STATEMENTS = ROWS / 10 + HOT_PREPARED_SELECTS + HOT_PLAIN_SELECTS + HOT_PLAIN_UPDATES;

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, amount INT)");
                s.execute("CREATE TABLE audit (id BIGINT)");
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ins.setLong(1, i);
                    ins.setInt(2, i % 10);
                    ins.setInt(3, i);
                    ins.executeUpdate();
                }
            }
            long rows = 0;
            try (PreparedStatement sel = c.prepareStatement("SELECT amount FROM orders WHERE customer_id = ?")) {
                for (int i = 0; i < HOT_PREPARED_SELECTS; i++) {
                    sel.setInt(1, 7);
                    rows += count(sel.executeQuery());
                }
                for (int key = 0; key < 10; key++) {
                    if (key == 7) {
                        continue;
                    }
                    for (int i = 0; i < COLD_SELECTS_PER_KEY; i++) {
                        sel.setLong(1, key);
                        rows += count(sel.executeQuery());
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < HOT_PLAIN_SELECTS; i++) {
                    rows += count(s.executeQuery("SELECT * FROM orders WHERE customer_id = 7"));
                }
                for (int i = 0; i < HOT_PLAIN_UPDATES; i++) {
                    s.executeUpdate("UPDATE orders SET amount = amount + 1 WHERE customer_id IN (7, 8)");
                }
                rows += count(s.executeQuery("SELECT count(*) FROM orders"));
                s.execute("INSERT INTO audit VALUES (1)");
            }
            System.out.println("rows read: " + rows);
        }
    }

    private static int count(ResultSet rs) throws Exception {
        int n = 0;
        try (rs) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
