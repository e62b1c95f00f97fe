package io.shardwise.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The Shardwise quickstart: an ordinary JDBC application (HikariCP, PreparedStatements, a transaction) whose only
 * Shardwise-specific line is its JDBC URL. Behind the URL are two H2 databases; see
 * src/main/resources/shardwise-quickstart.properties.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am compile -Pquickstart}
 */
public final class Quickstart {
    private static final String URL = "jdbc:shardwise:classpath:shardwise-quickstart.properties";
    private static final int CUSTOMERS = 1000;

    private Quickstart() {
    }

    public static void main(String[] args) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setMaximumPoolSize(4);
        config.setPoolName("quickstart");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            createTables(pool);
            load(pool);
            pointQueries(pool);
            rangeQueries(pool);
            scatterQueries(pool);
            transaction(pool);
            showTopology(pool);
        }
        showWhereRowsLive();
    }

    private static void createTables(HikariDataSource pool) throws SQLException {
        step("Create tables (DDL runs on every node)");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE currencies (code VARCHAR(3) PRIMARY KEY, name VARCHAR(40))");
            s.execute("CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, name VARCHAR(60), "
                    + "city VARCHAR(40), currency VARCHAR(3))");
            s.execute("CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
                    + "amount DECIMAL(12,2) NOT NULL)");
        }
    }

    private static void load(HikariDataSource pool) throws SQLException {
        step("Load " + CUSTOMERS + " customers and their orders (batches are split per node)");
        String[] cities = {"Lisbon", "Oslo", "Quito", "Kyoto", "Lagos"};
        Random random = new Random(42);
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO currencies (code, name) VALUES ('EUR', 'Euro'), ('USD', 'US dollar')");
            }
            c.setAutoCommit(false);
            int orders = 0;
            try (PreparedStatement customer = c.prepareStatement(
                    "INSERT INTO customers (customer_id, name, city, currency) VALUES (?, ?, ?, ?)");
                    PreparedStatement order = c.prepareStatement(
                            "INSERT INTO orders (order_id, customer_id, amount) VALUES (?, ?, ?)")) {
                for (long id = 1; id <= CUSTOMERS; id++) {
                    customer.setLong(1, id);
                    customer.setString(2, "customer " + id);
                    customer.setString(3, cities[(int) (id % cities.length)]);
                    customer.setString(4, id % 3 == 0 ? "USD" : "EUR");
                    customer.addBatch();
                    int count = 1 + random.nextInt(4);
                    for (int k = 0; k < count; k++) {
                        order.setLong(1, ++orders);
                        order.setLong(2, id);
                        order.setBigDecimal(3, BigDecimal.valueOf(500 + random.nextInt(100_000), 2));
                        order.addBatch();
                    }
                }
                customer.executeBatch();
                order.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            System.out.println("  loaded " + CUSTOMERS + " customers and " + orders + " orders");
        }
    }

    private static void pointQueries(HikariDataSource pool) throws SQLException {
        step("Point queries: the shard key pins each statement to one node");
        try (Connection c = pool.getConnection()) {
            query(c, "SELECT name, city FROM customers WHERE customer_id = ?", 42L);
            query(c, "SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS total FROM customers c "
                    + "JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id = ? GROUP BY c.name", 777L);
            query(c, "SELECT c.name, cur.name AS currency FROM customers c JOIN currencies cur "
                    + "ON cur.code = c.currency WHERE c.customer_id = ?", 3L);
        }
    }

    private static void rangeQueries(HikariDataSource pool) throws SQLException {
        step("Range and IN queries: only the shards whose keys match are asked");
        try (Connection c = pool.getConnection()) {
            query(c, "SELECT COUNT(*) AS customers FROM customers WHERE customer_id BETWEEN ? AND ?", 10L, 20L);
            query(c, "SELECT customer_id, name FROM customers WHERE customer_id IN (?, ?, ?) ORDER BY customer_id",
                    5L, 505L, 905L);
        }
    }

    private static void scatterQueries(HikariDataSource pool) throws SQLException {
        step("Scatter queries: no shard key, so every node answers and Shardwise merges");
        try (Connection c = pool.getConnection()) {
            query(c, "SELECT city, COUNT(*) AS customers FROM customers GROUP BY city ORDER BY city");
            query(c, "SELECT order_id, customer_id, amount FROM orders ORDER BY amount DESC LIMIT 3");
            query(c, "SELECT COUNT(*) AS orders, SUM(amount) AS total, MAX(amount) AS biggest FROM orders");
        }
    }

    private static void transaction(HikariDataSource pool) throws SQLException {
        step("A transaction on one customer's rows stays on one node: it is that node's transaction");
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE orders SET amount = amount + ? WHERE customer_id = ?")) {
                ps.setBigDecimal(1, new BigDecimal("10.00"));
                ps.setLong(2, 42L);
                System.out.println("  updated " + ps.executeUpdate() + " orders of customer 42");
            }
            c.rollback();
            System.out.println("  ...and rolled the change back");
            c.setAutoCommit(true);
        }
    }

    private static void showTopology(HikariDataSource pool) throws SQLException {
        step("The topology: SHOW SHARDWISE SHARDS");
        try (Connection c = pool.getConnection()) {
            query(c, "SHOW SHARDWISE SHARDS");
        }
    }

    /** Asks each node directly (not through Shardwise) how many rows it holds. */
    private static void showWhereRowsLive() throws SQLException {
        step("Where the rows live (asking each H2 node directly)");
        for (String node : new String[] {"n1", "n2"}) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:quickstart_" + node, "sa", "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM customers), "
                            + "(SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM currencies)")) {
                rs.next();
                System.out.printf("  %s: %d customers, %d orders, %d currencies%n", node, rs.getLong(1),
                        rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private static void query(Connection c, String sql, Object... params) throws SQLException {
        System.out.println("  > " + sql + (params.length == 0 ? "" : "   " + Arrays.toString(params)));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder("    ");
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        line.append(i > 1 ? ", " : "").append(md.getColumnLabel(i).toLowerCase(Locale.ROOT))
                                .append('=').append(rs.getString(i));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    private static void step(String title) {
        System.out.println();
        System.out.println("== " + title);
    }
}
