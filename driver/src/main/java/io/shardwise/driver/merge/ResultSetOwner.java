package io.shardwise.driver.merge;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A statement that wants to hear when a result set it handed out closes (JDBC's closeOnCompletion). */
public interface ResultSetOwner {
    void resultSetClosed(ResultSet rs) throws SQLException;
}
