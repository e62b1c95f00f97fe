package io.shardwise.backends;

/** The PostgreSQL node contract over 3 real PostgreSQL servers. */
class PostgresThreeNodesTest extends PostgresNodesContract {
    @Override
    int nodeCount() {
        return 3;
    }
}
