package io.shardwise.router.plan;

import java.util.List;

/**
 * Where one execution of a statement goes. One {@link NodeStatement} per node touched. {@code merge} is null when
 * results need no merging (a single node, or a write whose update counts are summed). {@code returnsResultSet}
 * tells the driver whether to use executeQuery or executeUpdate on the nodes.
 */
public record Route(List<NodeStatement> statements, MergeSpec merge, boolean returnsResultSet, boolean write) {

    public boolean singleNode() {
        return statements.size() == 1;
    }
}
