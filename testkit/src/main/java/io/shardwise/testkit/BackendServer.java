package io.shardwise.testkit;

/**
 * A real database server process on 127.0.0.1 that tests can use as a Shardwise node. A server can be stopped and
 * started again on the same port with the same data, which is what the node-failure tests need.
 */
public interface BackendServer {

    BackendKind kind();

    /** Always 127.0.0.1: test traffic stays on the loopback interface. */
    default String host() {
        return "127.0.0.1";
    }

    int port();

    /**
     * Creates a fresh, empty database (PostgreSQL) or schema (MariaDB) whose name starts with {@code prefix}
     * (letters, digits, underscores) and ends with a JVM-wide counter, so tests never see each other's tables.
     */
    TestDatabase createDatabase(String prefix);

    /** Stops the server process; its data directory and port are kept so {@link #start()} brings it back. */
    void stop();

    /** Starts a stopped server again on the same port with the same data. */
    void start();

    boolean isRunning();

    /**
     * Ends the server's processes at once (SIGKILL), for JVM exit: its data is thrown away anyway, and a graceful
     * stop of several servers on a loaded machine can outlast the 30 s surefire grants a forked JVM to exit.
     */
    void kill();

    /** How long the first start of this server took, in milliseconds (unpacking, initdb and boot). */
    long firstStartMillis();
}
