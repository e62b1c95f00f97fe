package io.shardwise.driver.differential;

import java.sql.SQLException;

/** Something that runs the workload's statements: the plain reference database, or a sharded setup. */
interface Target extends AutoCloseable {

    String name();

    Outcome run(Operation op) throws SQLException;

    @Override
    void close() throws SQLException;
}
