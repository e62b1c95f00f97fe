package io.shardwise.driver.admin;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One Shardwise admin statement ({@code SHOW SHARDWISE ...} or {@code SHARDWISE ...}), handled by the driver
 * before any parsing. Add a command by writing one class and listing it in
 * {@code META-INF/services/io.shardwise.driver.admin.AdminCommand}.
 */
public interface AdminCommand {

    /**
     * Whether this command handles the statement. {@code words} is the statement in upper case, runs of
     * whitespace collapsed to one space and without a trailing semicolon, e.g. {@code SHOW SHARDWISE SHARDS}.
     */
    boolean matches(String words);

    /** The usage line listed when a statement matches no command, e.g. {@code SHOW SHARDWISE SHARDS}. */
    String usage();

    /**
     * Runs the command. {@code sql} is the statement as the application wrote it (for arguments whose case
     * matters). Returns the rows to show, or null when the command has none (its update count is then 0).
     */
    ResultSet execute(String sql, AdminContext context) throws SQLException;
}
