package io.shardwise.endtoend.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * An application written for one database, the way such code usually looks: a HikariCP pool built from a JDBC URL,
 * PreparedStatements, explicit transactions with rollback on a business error, SELECT ... FOR UPDATE, batches,
 * generated keys, a report over all rows. It knows nothing about Shardwise; only the URL it is given differs.
 */
public final class BankApp implements AutoCloseable {
    private final HikariDataSource pool;

    public BankApp(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setAutoCommit(true);
        pool = new HikariDataSource(config);
    }

    public void createSchema() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (account_id BIGINT PRIMARY KEY, owner VARCHAR(50) NOT NULL, "
                    + "balance DECIMAL(12,2) NOT NULL)");
            s.execute("CREATE TABLE ledger (entry_id BIGINT AUTO_INCREMENT PRIMARY KEY, account_id BIGINT NOT NULL, "
                    + "amount DECIMAL(12,2) NOT NULL, note VARCHAR(100), booked_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE branches (code VARCHAR(10) PRIMARY KEY, city VARCHAR(50))");
        }
    }

    public void openAccounts(List<Long> ids, BigDecimal initial) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO accounts (account_id, owner, balance) VALUES (?, ?, ?)")) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.setString(2, "owner-" + id);
                ps.setBigDecimal(3, initial);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void addBranch(String code, String city) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO branches (code, city) VALUES (?, ?)")) {
            ps.setString(1, code);
            ps.setString(2, city);
            ps.executeUpdate();
        }
    }

    /** Moves money between two accounts in one transaction; refuses (and rolls back) an overdraft. */
    public boolean transfer(long from, long to, BigDecimal amount, Timestamp at) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                BigDecimal balance;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT balance FROM accounts WHERE account_id = ? FOR UPDATE")) {
                    ps.setLong(1, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("no account " + from);
                        }
                        balance = rs.getBigDecimal(1);
                    }
                }
                move(c, from, amount.negate(), "to " + to, at);
                move(c, to, amount, "from " + from, at);
                if (balance.compareTo(amount) < 0) {
                    c.rollback();
                    return false;
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void move(Connection c, long account, BigDecimal amount, String note, Timestamp at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET balance = balance + ? WHERE account_id = ?")) {
            ps.setBigDecimal(1, amount);
            ps.setLong(2, account);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no account " + account);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ledger (account_id, amount, note, booked_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, account);
            ps.setBigDecimal(2, amount);
            ps.setString(3, note);
            ps.setTimestamp(4, at);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated key for the ledger entry");
                }
            }
        }
    }

    public BigDecimal balance(long account) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE account_id = ?")) {
            ps.setLong(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    /** One account's ledger as text lines, oldest first. */
    public List<String> statement(long account) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT amount, note, booked_at FROM ledger WHERE account_id = ? ORDER BY booked_at, note")) {
            ps.setLong(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getBigDecimal("amount") + " " + rs.getString("note") + " "
                            + rs.getTimestamp("booked_at"));
                }
            }
        }
        return lines;
    }

    /** The bank's books: every account's balance and the total (a query over every row). */
    public List<String> report() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT account_id, balance FROM accounts ORDER BY account_id")) {
                while (rs.next()) {
                    lines.add(rs.getLong(1) + "=" + rs.getBigDecimal(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(balance) FROM accounts")) {
                rs.next();
                lines.add("accounts=" + rs.getLong(1) + " total=" + rs.getBigDecimal(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT city FROM branches WHERE code = 'B1'")) {
                lines.add("branch=" + (rs.next() ? rs.getString(1) : null));
            }
        }
        return lines;
    }

    @Override
    public void close() {
        pool.close();
    }
}
