package io.shardwise.router.plan;

/**
 * What to run on one node. {@code params == null} means: the SQL is the application's own text and takes the
 * application's parameters exactly as bound (the single-node hot path: nothing rewritten, nothing copied).
 * Otherwise {@code params[i]} is the value for the i+1-th {@code ?} of {@code sql} (rewritten SQL, e.g. one
 * node's share of a multi-row INSERT, or a scatter query with LIMIT n+m).
 */
public record NodeStatement(String node, String sql, Object[] params) {
}
