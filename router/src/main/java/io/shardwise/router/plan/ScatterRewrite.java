package io.shardwise.router.plan;

import io.shardwise.router.plan.StatementAnalysis.Component;
import io.shardwise.router.sql.SqlDialectKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/** The scatter form of a query: what each node runs and how the driver merges the results. */
final class ScatterRewrite {
    record Result(ScatterQuery scatter, String refusal) {
    }

    private ScatterRewrite() {
    }

    static Result build(SqlNode query, String sql, int params, Component c, SqlDialectKind dialect) {
        boolean needsMerge = query instanceof SqlOrderBy
                || (query instanceof SqlSelect s && (s.getGroup() != null || s.isDistinct() || s.getFetch() != null
                || s.getOffset() != null || s.getHaving() != null || hasAggregate(s)));
        if (needsMerge) {
            return new Result(null, "merging not implemented yet");
        }
        return new Result((nodes, p) -> {
            List<NodeStatement> statements = new ArrayList<>();
            for (String n : nodes) {
                statements.add(new NodeStatement(n, sql, null));
            }
            return new Route(statements, null, true, false, c.group(), null, 0, null);
        }, null);
    }

    private static boolean hasAggregate(SqlSelect s) {
        return s.getSelectList().toString().matches("(?is).*\\b(COUNT|SUM|MIN|MAX|AVG)\\s*\\(.*");
    }
}
