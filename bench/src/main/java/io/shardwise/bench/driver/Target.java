package io.shardwise.bench.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One system under test, set up with the benchmark's rows and holding the one connection the workloads use. */
public interface Target extends AutoCloseable {

    String name();

    /** The logical connection every operation runs on (autocommit, held for the whole run). */
    Connection connection();

    /** The H2 databases behind this target, to empty the insert table between windows without timing it. */
    List<String> nodeUrls();

    /** The context class loader the target's library expects while it runs (its SPI lookups use it). */
    default ClassLoader contextClassLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    @Override
    void close() throws SQLException;
}
