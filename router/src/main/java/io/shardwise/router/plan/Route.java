package io.shardwise.router.plan;

import io.shardwise.router.topology.KeyPoints;
import io.shardwise.router.topology.ShardingStrategy;
import java.sql.SQLException;
import java.util.List;

/**
 * Where one execution of a statement goes. One {@link NodeStatement} per node touched. {@code merge} is null when
 * results need no merging (a single node, or a write whose update counts are summed). {@code returnsResultSet}
 * tells the driver whether to use executeQuery or executeUpdate on the nodes.
 *
 * <p>What the profiler records: {@code group} (null when the statement touches no sharded table) and where the
 * statement's single shard-key value comes from, so that a cached Route can serve every execution of a plan
 * without allocating: {@code keyParameter} is the 1-based index of the application's placeholder holding the key,
 * or 0 when the key is {@code keyLiteral} (a literal in the SQL) or there is no single key (scatter, IN lists,
 * ranges: then both are 0/null). Read it with {@link #keyValue(ParameterSource)} and {@link #keyPoint}.
 */
public record Route(List<NodeStatement> statements, MergeSpec merge, boolean returnsResultSet, boolean write,
                    String group, ShardingStrategy strategy, int keyParameter, Object keyLiteral) {

    /** A route without profiler information (no group, no key). */
    public Route(List<NodeStatement> statements, MergeSpec merge, boolean returnsResultSet, boolean write) {
        this(statements, merge, returnsResultSet, write, null, null, 0, null);
    }

    public boolean singleNode() {
        return statements.size() == 1;
    }

    /** Whether this execution had exactly one shard-key value (the point lookups the profiler counts per key). */
    public boolean hasKey() {
        return keyParameter > 0 || keyLiteral != null;
    }

    /** The shard-key value of this execution, or null when it had no single key. Allocates nothing. */
    public Object keyValue(ParameterSource params) {
        return keyParameter > 0 ? params.parameter(keyParameter) : keyLiteral;
    }

    /** The key point of {@link #keyValue}; call only when {@link #hasKey()} and the value is not null. */
    public long keyPoint(ParameterSource params) throws SQLException {
        return KeyPoints.point(strategy, keyValue(params));
    }

    /** The node of a single-node route. */
    public String node() {
        return statements.get(0).node();
    }
}
