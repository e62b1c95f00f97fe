package io.shardwise.backends;

/** The PostgreSQL node contract over 2 real PostgreSQL servers. */
class PostgresTwoNodesTest extends PostgresNodesContract {
    @Override
    int nodeCount() {
        return 2;
    }
}
